package probe

import (
	"crypto/x509"
	"sync"
)

// SystemRoots are the system's certificate roots for one run: loaded in
// the background when its first probe that may verify a certificate
// starts, while DNS and the greeting are awaited, so that the first
// verification does not wait for them (about 15 ms). Make one per run and
// share it between the run's probes (Config.SystemRoots); two runs in one
// process, such as two scrapes of the exporter, each have their own. The
// zero value is ready to use; it is safe for concurrent use.
type SystemRoots struct {
	once sync.Once
	done chan struct{} // closed when pool is set
	pool *x509.CertPool
	// load returns the roots; nil means x509.SystemCertPool. Tests set it.
	load func() (*x509.CertPool, error)
}

// start loads the roots in the background, once.
func (r *SystemRoots) start() {
	r.once.Do(func() {
		r.done = make(chan struct{})
		go func() {
			defer close(r.done)
			load := r.load
			if load == nil {
				load = x509.SystemCertPool
			}
			if pool, err := load(); err == nil {
				r.pool = pool
			}
		}()
	})
}

// get waits for the roots. Nil, when they could not be loaded, leaves
// crypto/x509 to try again and say why the verification failed.
func (r *SystemRoots) get() *x509.CertPool {
	r.start()
	<-r.done
	return r.pool
}

// roots are what verifies server certificates: RootCAs, or else the
// run's system roots; nil leaves the choice to crypto/x509.
func (cfg *Config) roots() *x509.CertPool {
	if cfg.RootCAs == nil && cfg.SystemRoots != nil {
		return cfg.SystemRoots.get()
	}
	return cfg.RootCAs
}
