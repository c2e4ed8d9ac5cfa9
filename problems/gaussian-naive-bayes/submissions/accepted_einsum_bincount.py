# ACCEPTED: priors by np.bincount on the label index, the quadratic term by einsum on
# precisions, the normaliser by the shifted sum; float32 nowhere, no cached log terms.
import numpy as np


class GaussianNaiveBayes:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        self.classes_, codes = np.unique(y, return_inverse=True)
        k = self.classes_.shape[0]
        self.class_prior_ = np.bincount(codes, minlength=k) / codes.shape[0]
        self.theta_ = np.stack([X[codes == j].mean(0) for j in range(k)])
        smoothing = self.var_smoothing * X.var(0).max()
        self.var_ = np.stack([X[codes == j].var(0) for j in range(k)]) + smoothing
        return self

    def _joint_log_likelihood(self, X):
        precision = 1.0 / self.var_
        diff = np.asarray(X, dtype=np.float64)[:, None, :] - self.theta_[None]
        quadratic = np.einsum("nkd,kd->nk", diff * diff, precision)
        log_det = np.log(self.var_).sum(1) + self.var_.shape[1] * np.log(2 * np.pi)
        return np.log(self.class_prior_) - 0.5 * (log_det + quadratic)

    def predict_proba(self, X):
        jll = self._joint_log_likelihood(X)
        jll -= jll.max(axis=1)[:, None]
        p = np.exp(jll)
        p /= p.sum(axis=1)[:, None]
        return p

    def predict(self, X):
        return np.take(self.classes_, np.argmax(self.predict_proba(X), axis=1))
