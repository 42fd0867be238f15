module example.com/gometrics

go 1.19
