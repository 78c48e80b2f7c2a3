package main

import (
	"fmt"
	"strings"
)

// An option is a probe option by its long flag name ("auth-user"). The
// command line writes it as a flag (--auth-user), the exporter as a
// query parameter and config key (auth_user).
type option string

// flag is how the command line names o.
func (o option) flag() string { return "--" + string(o) }

// key is how the exporter's query and config file name o.
func (o option) key() string { return strings.ReplaceAll(string(o), "-", "_") }

// optionKey is the option a query parameter or config key names.
func optionKey(key string) option { return option(strings.ReplaceAll(key, "_", "-")) }

// An optionError is a bad option value or combination. It keeps the
// options it names apart from its text, so that each interface words
// them its own way: see flag and key.
type optionError struct {
	format string // fmt verbs; option arguments are printed by name
	args   []any
}

// optionErrorf is fmt.Errorf whose option arguments are named as their
// interface names them when the error is printed.
func optionErrorf(format string, args ...any) error {
	return &optionError{format: format, args: args}
}

// Error names the options as flags: the command line's wording.
func (e *optionError) Error() string { return e.text(option.flag) }

// text is the message with every option named by name.
func (e *optionError) text(name func(option) string) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		if o, ok := a.(option); ok {
			a = name(o)
		}
		args[i] = a
	}
	return fmt.Sprintf(strings.ReplaceAll(e.format, "%w", "%v"), args...)
}

// Unwrap returns the errors among the arguments, as fmt.Errorf's %w does.
func (e *optionError) Unwrap() []error {
	var errs []error
	for _, a := range e.args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// keyText is err's message with the options it names written as the
// exporter's keys (port, auth_user), not as flags.
func keyText(err error) string {
	if oe, ok := err.(*optionError); ok {
		return oe.text(option.key)
	}
	return err.Error()
}
