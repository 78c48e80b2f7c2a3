package main

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// connLimit caps the exporter's open connections, so that idle clients
// cannot take every file descriptor and leave /metrics unreachable.
// When the cap is reached, a new connection pushes out the one that has
// waited longest without a request in progress (a connection that sent
// nothing yet, or a kept-alive one between requests); when every
// connection is busy with a request, the new one waits for a free place.
type connLimit struct {
	slots   chan struct{} // one token an open connection
	done    chan struct{} // closed with the listener
	once    sync.Once
	evicted func() // counts a connection pushed out

	mu    sync.Mutex
	conns map[net.Conn]*connEntry
}

// connEntry is what connLimit knows of an open connection.
type connEntry struct {
	state   http.ConnState
	since   time.Time // when it entered state
	closing bool      // pushed out, not yet reported closed
}

func newConnLimit(max int, evicted func()) *connLimit {
	return &connLimit{
		slots:   make(chan struct{}, max),
		done:    make(chan struct{}),
		evicted: evicted,
		conns:   map[net.Conn]*connEntry{},
	}
}

// open is the number of connections open now.
func (l *connLimit) open() int { return len(l.slots) }

// listener wraps ln so that Accept keeps to the cap.
func (l *connLimit) listener(ln net.Listener) net.Listener {
	return &limitListener{Listener: ln, l: l}
}

type limitListener struct {
	net.Listener
	l *connLimit
}

// Accept accepts a connection, then finds a place for it: a free one,
// else one pushed out, else the first that a busy connection frees.
func (ln *limitListener) Accept() (net.Conn, error) {
	l := ln.l
	c, err := ln.Listener.Accept()
	if err != nil {
		return nil, err
	}
	select {
	case l.slots <- struct{}{}:
		return c, nil
	default:
	}
	l.evictOldest()
	select {
	case l.slots <- struct{}{}:
		return c, nil
	case <-l.done:
		c.Close()
		return nil, net.ErrClosed
	}
}

func (ln *limitListener) Close() error {
	ln.l.once.Do(func() { close(ln.l.done) })
	return ln.Listener.Close()
}

// evictOldest closes the connection that has waited longest without a
// request in progress, if there is one. Its place is freed when the
// server reports it closed.
func (l *connLimit) evictOldest() {
	l.mu.Lock()
	defer l.mu.Unlock()
	var oldest net.Conn
	var since time.Time
	for c, e := range l.conns {
		if e.closing || (e.state != http.StateNew && e.state != http.StateIdle) {
			continue
		}
		if oldest == nil || e.since.Before(since) {
			oldest, since = c, e.since
		}
	}
	if oldest == nil {
		return
	}
	l.conns[oldest].closing = true
	oldest.Close()
	l.evicted()
}

// track is the http.Server's ConnState hook: it follows every
// connection Accept gave out, and frees its place when it is gone.
func (l *connLimit) track(c net.Conn, state http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch state {
	case http.StateClosed, http.StateHijacked:
		if _, ok := l.conns[c]; ok {
			delete(l.conns, c)
			<-l.slots
		}
	default:
		e := l.conns[c]
		if e == nil {
			e = &connEntry{}
			l.conns[c] = e
		}
		e.state, e.since = state, time.Now()
	}
}

// closeUnused closes the connections that have not sent a request.
func (l *connLimit) closeUnused() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for c, e := range l.conns {
		if e.state == http.StateNew && !e.closing {
			e.closing = true
			c.Close()
		}
	}
}
