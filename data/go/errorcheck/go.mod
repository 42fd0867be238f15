module example.com/errorcheck

go 1.19
