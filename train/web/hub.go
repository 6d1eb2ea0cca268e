package web

import "sync"

// ClientBuffer is how many events a client may fall behind before it
// misses some: a slow or stalled browser loses frames, nothing else waits.
const ClientBuffer = 256

// hub fans events out to the connected clients without ever blocking the
// sender.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]struct{}
}

// subscribe adds a client; first runs under the hub's lock, so that no
// event falls between what it reads and the first event the client gets.
func (h *hub) subscribe(first func()) chan []byte {
	c := make(chan []byte, ClientBuffer)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients == nil {
		h.clients = map[chan []byte]struct{}{}
	}
	h.clients[c] = struct{}{}
	first()
	return c
}

func (h *hub) unsubscribe(c chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// publish runs update and sends the event it returns to every client
// whose buffer has room, under the hub's lock.
func (h *hub) publish(update func() []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	event := update()
	for c := range h.clients {
		select {
		case c <- event:
		default: // the client is behind: it misses this event
		}
	}
}
