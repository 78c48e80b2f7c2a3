package report

// The inside of the package, for its external tests (package report_test).
var (
	ApplyThresholds = applyThresholds
	SlowestStep     = slowestStep
	NameMatches     = nameMatches
	TLSFactsOf      = tlsFactsOf
)

// RejudgeTLS returns a with its hosts' TLS facts worked out again at the
// time of o, as Assess at that time would have: the tests of the
// thresholds vary the time without judging again.
func RejudgeTLS(a Assessment, o Options) Assessment {
	a.Hosts = append([]HostAssessment(nil), a.Hosts...)
	for i, h := range a.Result.Hosts {
		a.Hosts[i].TLS = tlsFactsOf(h, o.now())
	}
	return a
}

// Statuses lists the statuses of the hosts of a, nil for none.
func Statuses(a Assessment) []Status {
	var ss []Status
	for _, h := range a.Hosts {
		ss = append(ss, h.Status)
	}
	return ss
}
