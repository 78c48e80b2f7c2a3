package probe

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/netip"
	"time"
)

// handshake runs the TLS handshake over the TCP connection and records its
// facts in Host.TLS. The certificate is verified separately, after the
// handshake, so that one that does not verify is a recorded fact and not
// the end of the dialogue: the report judges it.
func (s *session) handshake(implicit bool) bool {
	info := &TLSInfo{Implicit: implicit, ServerName: s.name}
	s.host.TLS = info
	if !implicit {
		// Anything the server sent after its 220 and before the handshake
		// would otherwise be read as replies to the commands that follow
		// over TLS (CVE-2011-0411). It is counted and dropped with the
		// plain-text reader.
		info.DiscardedBytes = s.r.Buffered()
	}
	sni := s.name
	if _, err := netip.ParseAddr(sni); err == nil {
		sni = "" // RFC 6066 section 3: no IP literals in SNI
	}
	tc := tls.Client(s.conn, &tls.Config{
		ServerName: sni,
		// Verification happens below against the MX host name, with the
		// outcome recorded rather than fatal.
		InsecureSkipVerify: true,
		// Old servers still exist; a probe reports their TLS 1.0 rather
		// than failing to see it.
		MinVersion:   tls.VersionTLS10,
		CipherSuites: cipherSuites(),
		Time:         s.cfg.Now,
	})
	s.deadline(s.cfg.Timeout)
	start := time.Now()
	err := tc.HandshakeContext(s.ctx)
	info.Duration = time.Since(start)
	s.lastEnd = time.Now()
	if err != nil {
		info.HandshakeError = err.Error()
		var rhe tls.RecordHeaderError
		info.PlainGreeting = implicit && errors.As(err, &rhe) && string(rhe.RecordHeader[:3]) == "220"
		e := s.classify(StepHandshake, err)
		if e.Kind != ErrTimeout && e.Kind != ErrCanceled {
			e.Kind = ErrTLS
		}
		s.host.Err = e
		return false
	}
	st := tc.ConnectionState()
	info.Version = tls.VersionName(st.Version)
	info.CipherSuite = tls.CipherSuiteName(st.CipherSuite)
	info.Certificates = st.PeerCertificates
	for _, c := range st.PeerCertificates {
		info.Chain = append(info.Chain, Cert{
			Subject:   c.Subject.String(),
			Issuer:    c.Issuer.String(),
			DNSNames:  c.DNSNames,
			NotBefore: c.NotBefore,
			NotAfter:  c.NotAfter,
		})
	}
	// Verifying costs CPU (and, the first time, waiting for the system
	// roots): it runs while the EHLO that follows goes out and its reply
	// comes back, off the critical path. settle waits for it.
	done := make(chan struct{})
	s.verifying = done
	certs, now, cfg := st.PeerCertificates, s.cfg.Now(), s.cfg
	go func() {
		defer close(done)
		verifyInto(info, certs, s.name, cfg.roots(), now)
	}()
	s.c = tc
	s.r = bufio.NewReader(tc)
	return true
}

// verifyInto records whether certs, as the server sent them, verify for
// name, and when not, each reason apart.
func verifyInto(info *TLSInfo, certs []*x509.Certificate, name string, roots *x509.CertPool, now time.Time) {
	err := verify(certs, name, roots, now)
	if err == nil {
		info.Verified = true
		return
	}
	info.VerifyError = err.Error()
	// x509 names only the first problem; check name and chain apart so
	// that the report can tell each.
	if len(certs) > 0 {
		if err := certs[0].VerifyHostname(name); err != nil {
			info.NameError = err.Error()
		}
		if err := verify(certs, "", roots, now); err != nil {
			info.ChainError = err.Error()
		}
	}
}

// settle waits for the certificate verification that handshake started.
func (s *session) settle() {
	if s.verifying != nil {
		<-s.verifying
		s.verifying = nil
	}
}

// verify checks a chain, leaf first, against roots (nil: the system's) for
// name at the time now.
func verify(chain []*x509.Certificate, name string, roots *x509.CertPool, now time.Time) error {
	if len(chain) == 0 {
		return errors.New("the server sent no certificate")
	}
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	_, err := chain[0].Verify(x509.VerifyOptions{
		DNSName:       name,
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   now,
	})
	return err
}

// cipherSuites lists every suite crypto/tls does not consider broken,
// including the RSA key exchange ones it leaves out by default, so that an
// old server's choice can be seen and reported.
func cipherSuites() []uint16 {
	var ids []uint16
	for _, cs := range tls.CipherSuites() {
		ids = append(ids, cs.ID)
	}
	return ids
}
