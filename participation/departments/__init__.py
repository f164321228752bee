"""吹哨报到: the departments a community station calls in, and each call (Escalation)
with its private link, where the department acknowledges, answers and marks the
matter done without an account."""
