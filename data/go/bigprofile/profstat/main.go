// Command profstat prints the size of a pprof profile (profile.proto, gzipped
// or not) without building it in memory: samples, locations, functions,
// mappings, and the average stack depth in locations per sample.
//
// It reads the protobuf wire format directly because `go tool pprof -raw`
// takes minutes and gigabytes on a profile of a million samples, and this
// repository may use only the standard library.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// Field numbers of message Profile and Sample in profile.proto.
const (
	profileSample   = 2
	profileMapping  = 3
	profileLocation = 4
	profileFunction = 5
	sampleLocation  = 1
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: profstat PROFILE")
		os.Exit(2)
	}
	data, err := readMaybeGzip(os.Args[1])
	if err == nil {
		err = report(data)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "profstat:", err)
		os.Exit(1)
	}
}

func readMaybeGzip(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(bufio.NewReader(zr))
}

func report(data []byte) error {
	var samples, locations, functions, mappings, depth int
	err := eachField(data, func(num int, wire int, body []byte) error {
		switch num {
		case profileSample:
			samples++
			n, err := countLocations(body)
			depth += n
			return err
		case profileLocation:
			locations++
		case profileFunction:
			functions++
		case profileMapping:
			mappings++
		}
		return nil
	})
	if err != nil {
		return err
	}
	avg := 0.0
	if samples > 0 {
		avg = float64(depth) / float64(samples)
	}
	fmt.Printf("samples %d\nlocations %d\nfunctions %d\nmappings %d\navg_depth %.2f\nbytes_uncompressed %d\n",
		samples, locations, functions, mappings, avg, len(data))
	return nil
}

// countLocations counts the location ids of one Sample, packed or not.
func countLocations(sample []byte) (int, error) {
	n := 0
	err := eachField(sample, func(num int, wire int, body []byte) error {
		if num != sampleLocation {
			return nil
		}
		if wire == 0 { // unpacked: one varint per field
			n++
			return nil
		}
		for len(body) > 0 { // packed: a run of varints
			_, k := binary.Uvarint(body)
			if k <= 0 {
				return errors.New("bad packed varint")
			}
			body, n = body[k:], n+1
		}
		return nil
	})
	return n, err
}

// eachField walks the top-level fields of a message. For length-delimited
// fields body is the payload; for varints and fixed fields it is nil.
func eachField(msg []byte, visit func(num int, wire int, body []byte) error) error {
	for len(msg) > 0 {
		key, k := binary.Uvarint(msg)
		if k <= 0 {
			return errors.New("bad field key")
		}
		msg = msg[k:]
		num, wire := int(key>>3), int(key&7)
		var body []byte
		switch wire {
		case 0:
			_, k = binary.Uvarint(msg)
			if k <= 0 {
				return errors.New("bad varint")
			}
			msg = msg[k:]
		case 1, 5:
			size := 8
			if wire == 5 {
				size = 4
			}
			if len(msg) < size {
				return errors.New("truncated fixed-size field")
			}
			msg = msg[size:]
		case 2:
			size, k := binary.Uvarint(msg)
			if k <= 0 || uint64(len(msg)-k) < size {
				return errors.New("bad length")
			}
			body, msg = msg[k:k+int(size)], msg[k+int(size):]
		default:
			return fmt.Errorf("unsupported wire type %d", wire)
		}
		if err := visit(num, wire, body); err != nil {
			return err
		}
	}
	return nil
}
