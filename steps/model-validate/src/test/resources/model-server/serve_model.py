#!/usr/bin/python3
"""A small, real model server for model-validate's tests.

Trains a scikit-learn LogisticRegression on the iris data set that ships with scikit-learn (4 features, 3
classes; Debian package python3-sklearn, no download), pickles it into --model-dir when given, and serves it over
KServe's v1 protocol and the v2 / Open Inference Protocol, the way kserve's sklearnserver does. --fault injects the
failures model-validate must catch. Prints "LISTENING <port>" once it accepts connections.
"""
import argparse
import json
import os
import pickle
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

FAULTS = ["none", "default-name", "wrong-shape", "null", "error500", "slow", "other-model"]


def train(variant):
    iris = load_iris()
    y = iris.target
    if variant == "other-model":
        # a "retrained" model that learnt shuffled labels: answers well-formed, but differently
        y = np.roll(y, 50)
    model = LogisticRegression(max_iter=1000, random_state=0)
    model.fit(iris.data, y)
    return model


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--name", default="iris")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--fault", choices=FAULTS, default="none")
    p.add_argument("--delay-ms", type=int, default=0)
    p.add_argument("--model-dir")
    p.add_argument("--loading-requests", type=int, default=0,
                   help="answer 503 to this many calls of the model's endpoints, as a server still loading it does")
    args = p.parse_args()

    model = train(args.fault)
    if args.model_dir:
        os.makedirs(args.model_dir, exist_ok=True)
        tmp = os.path.join(args.model_dir, ".model.pkl.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(model, f)
        os.replace(tmp, os.path.join(args.model_dir, "model.pkl"))
    served = "model" if args.fault == "default-name" else args.name
    still_loading = [args.loading_requests]
    lock = threading.Lock()

    def loading():
        with lock:
            still_loading[0] -= 1
            return still_loading[0] >= 0
    width = model.n_features_in_

    def predict(rows):
        x = np.asarray(rows, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != width:
            # sklearn's own message, as kserve's sklearnserver passes it on
            model.predict(x.reshape(len(rows), -1))
        if args.fault in ("slow",):
            time.sleep(args.delay_ms / 1000.0)
        out = [int(v) for v in model.predict(x)]
        if args.fault == "wrong-shape":
            out = out[:-1] if len(out) > 1 else out + out
        if args.fault == "null":
            out = [None for _ in out]
        return out

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out in two writes: with Nagle on, the client's delayed ACK adds 40 ms to each answer
        disable_nagle_algorithm = True

        def log_message(self, *a):
            pass

        def send(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path
            if path == "/v1/models":
                return self.send(200, {"models": [served]})
            if path.startswith(("/v1/models/", "/v2/models/")) and loading():
                return self.send(503, {"error": "model %s is not ready: loading" % served})
            if path == "/v1/models/" + served:
                return self.send(200, {"name": served, "ready": True})
            if path == "/v2/health/ready":
                return self.send(200, {"ready": True})
            if path == "/v2/models/" + served + "/ready":
                return self.send(200, {"name": served, "ready": True})
            if path == "/v2/models/" + served:
                return self.send(200, {"name": served, "versions": ["1"], "platform": "sklearn",
                                       "inputs": [{"name": "input-0", "datatype": "FP64", "shape": [-1, width]}],
                                       "outputs": [{"name": "output-0", "datatype": "INT64", "shape": [-1]}]})
            return self.send(404, {"error": "Model with name %s does not exist." % path.split("/")[3]
                                   if path.count("/") >= 3 else "not found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if loading():
                return self.send(503, {"error": "model %s is not ready: loading" % served})
            if args.fault == "error500":
                return self.send(500, {"error": "model crashed"})
            try:
                if self.path == "/v1/models/%s:predict" % served:
                    return self.send(200, {"predictions": predict(body["instances"])})
                if self.path == "/v2/models/%s/infer" % served:
                    inp = body["inputs"][0]
                    shape = inp["shape"]
                    rows = np.asarray(inp["data"], dtype=np.float64).reshape(shape).tolist()
                    out = predict(rows)
                    return self.send(200, {"model_name": served, "id": body.get("id", "1"), "outputs": [
                        {"name": "output-0", "shape": [len(out)], "datatype": "INT64", "data": out}]})
            except (ValueError, KeyError) as e:
                return self.send(400, {"error": str(e)})
            return self.send(404, {"error": "Model with name %s does not exist." % self.path})

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("LISTENING %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
