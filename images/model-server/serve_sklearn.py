#!/usr/bin/python3
"""Serves a pickled scikit-learn model over KServe's v1 protocol, the way kserve's sklearnserver does.

Used by the train-and-gate pipeline as a sidecar next to model-validate: on a cluster in a Python image with
scikit-learn, on one machine (catalog run) with Debian's python3-sklearn. Routes:
  GET  /v1/models                 -> {"models": [name]}
  GET  /v1/models/<name>          -> {"name": name, "ready": true}
  POST /v1/models/<name>:predict  {"instances": [[...], ...]} -> {"predictions": [...]}
  GET  /v2/health/ready           -> 200 once the model is loaded (the readiness probe)
"""
import argparse
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import joblib
import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model-dir", required=True, help="directory holding the model file")
    p.add_argument("--model-file", default="model.pkl")
    p.add_argument("--name", required=True, help="the model's name in the URLs")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--host", default="127.0.0.1")
    args = p.parse_args()

    path = os.path.join(args.model_dir, args.model_file)
    if not os.path.isfile(path):
        sys.exit(f"no model file at {path}: train it first")
    model = joblib.load(path)
    width = getattr(model, "n_features_in_", None)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):  # one line per request on stderr is noise under load tests
            pass

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/v2/health/ready":
                return self.reply(200, {"ready": True})
            if self.path == "/v1/models":
                return self.reply(200, {"models": [args.name]})
            if self.path == f"/v1/models/{args.name}":
                return self.reply(200, {"name": args.name, "ready": True})
            return self.reply(404, {"error": f"Model with name {self.path.rsplit('/', 1)[-1]} does not exist."})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            if self.path != f"/v1/models/{args.name}:predict":
                return self.reply(404, {"error": f"Model with name {self.path} does not exist."})
            try:
                instances = np.asarray(json.loads(raw)["instances"], dtype=float)
            except (ValueError, KeyError, TypeError) as e:
                return self.reply(400, {"error": f"Failed to parse the request: {e}"})
            if instances.ndim != 2 or (width is not None and instances.shape[1] != width):
                return self.reply(400, {"error": f"expected rows of {width} features, got shape {instances.shape}"})
            return self.reply(200, {"predictions": model.predict(instances).tolist()})

    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print(f"serving {args.name} from {path} on {args.host}:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
