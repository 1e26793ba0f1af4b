"""actlab: the shared package of the course From Step to Swish."""
