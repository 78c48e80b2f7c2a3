package catalog

import (
	"slices"
	"sort"
)

// The catalog's tables, as tests walk them: test-only, so that the
// package's API stays the few functions callers need.

// Categories lists every category in the contract's order.
func Categories() []string {
	return []string{
		CategoryMailboxUnknown, CategoryMailboxFull, CategoryMailboxDisabled,
		CategoryRelayDenied, CategorySenderRejected, CategorySpamReputation,
		CategoryBlocklist, CategoryAuthenticationRequired,
		CategoryAuthenticationFailed, CategoryTLSRequired, CategoryDNSProblem,
		CategoryReverseDNS, CategorySPFDKIMDMARC, CategoryRateLimit,
		CategoryGreylisting, CategorySizeLimit, CategoryPolicy, CategorySyntax,
		CategoryServerUnavailable, CategoryDoesNotAcceptMail, CategorySuccess,
		CategoryIntermediate, CategoryOther,
	}
}

// BasicEntries returns a copy of the catalog's entries for basic codes,
// ordered by code.
func BasicEntries() []BasicEntry {
	var out []BasicEntry
	for _, group := range allBasic() {
		out = append(out, group...)
	}
	return out
}

// EnhancedEntries returns a copy of the catalog's entries for the registry
// of enhanced status codes, in registry order.
func EnhancedEntries() []EnhancedEntry {
	var out []EnhancedEntry
	for _, group := range [][]EnhancedEntry{enhanced0to3, enhanced4to6, enhanced7} {
		out = append(out, group...)
	}
	return out
}

// Rules returns a copy of the reply-text rules in the order they are
// tried.
func Rules() []Rule { return slices.Clone(rules()) }

// FindingIDs returns the ids FindingText knows, sorted.
func FindingIDs() []string {
	var ids []string
	for _, table := range findingTables {
		for id := range table {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}
