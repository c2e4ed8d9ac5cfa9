# Accepted: greedy k-means++ (best of 2 + log k candidates), distances by a loop over
# clusters, np.add.at update, empty clusters moved to the farthest sample, and the
# inertia recorded after each update (with that iteration's labels).
import math

import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _dist2(self, X, centres):
        out = np.empty((X.shape[0], centres.shape[0]))
        for j in range(centres.shape[0]):
            out[:, j] = ((X - centres[j]) ** 2).sum(axis=1)
        return out

    def _kmeanspp(self, X, rng):
        n_samples = X.shape[0]
        trials = 2 + int(math.log(self.n_clusters))
        centres = [X[rng.integers(n_samples)]]
        closest = self._dist2(X, np.array(centres))[:, 0]
        for _ in range(1, self.n_clusters):
            total = closest.sum()
            if total > 0:
                candidates = rng.choice(n_samples, size=trials, p=closest / total)
            else:
                candidates = rng.integers(n_samples, size=trials)
            cand_d2 = np.minimum(closest[:, None], self._dist2(X, X[candidates]))
            best = int(cand_d2.sum(axis=0).argmin())
            centres.append(X[candidates[best]])
            closest = cand_d2[:, best]
        return np.array(centres, dtype=float)

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        rng = np.random.default_rng(self.random_state)
        centres = self._kmeanspp(X, rng)
        self.loss_history = []
        self.n_iter_ = 0
        for step in range(self.max_iter):
            d2 = self._dist2(X, centres)
            labels = d2.argmin(axis=1)
            sums = np.zeros_like(centres)
            np.add.at(sums, labels, X)
            counts = np.zeros(len(centres))
            np.add.at(counts, labels, 1.0)
            new = centres.copy()
            filled = counts > 0
            new[filled] = sums[filled] / counts[filled][:, None]
            own = d2[np.arange(len(X)), labels]
            for j in np.flatnonzero(~filled):
                far = int(own.argmax())
                new[j] = X[far]
                own[far] = 0.0
            self.loss_history.append(float(((X - new[labels]) ** 2).sum()))
            moved = np.sqrt(((new - centres) ** 2).sum(axis=1)).max()
            centres = new
            self.n_iter_ = step + 1
            if moved <= self.tol:
                break
        self.cluster_centers_ = centres
        d2 = self._dist2(X, centres)
        self.labels_ = d2.argmin(axis=1)
        self.inertia_ = float(d2.min(axis=1).sum())
        return self

    def predict(self, X):
        return self._dist2(np.asarray(X, dtype=np.float64), self.cluster_centers_).argmin(axis=1)
