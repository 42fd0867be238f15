module example.com/seedclaims

go 1.19
