module example.com/heapdumpgen

go 1.19
