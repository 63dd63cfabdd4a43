print("kefu")
