package probe

// ChooseMechanism exposes chooseMechanism to the tests by name.
func ChooseMechanism(a *Auth, offered []string) (string, AuthSkip) {
	m, skip := chooseMechanism(a, offered)
	return m.name, skip
}
