# Hyperparameters of fit.py. The mutation proposer edits the values on these lines.
DEGREE = 2            # highest power of x in the polynomial model
LEARNING_RATE = 0.01  # SGD step size
EPOCHS = 20           # passes over the training set
BATCH_SIZE = 32       # examples per SGD step
L2 = 0.01             # weight decay
FEATURES = "poly"     # "poly" (x^k) or "fourier" (sin/cos of k*x)
