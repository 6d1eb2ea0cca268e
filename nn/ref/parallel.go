package ref

import (
	"runtime"
	"sync"
)

// parallelFor splits [0, n) into one contiguous range per CPU and runs fn on
// each range concurrently. Reference functions use it only where each output
// element is computed by one call in a fixed order, so the results do not
// depend on the number of CPUs.
func parallelFor(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(lo, hi)
		}()
	}
	wg.Wait()
}
