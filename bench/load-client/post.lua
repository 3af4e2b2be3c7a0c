-- wrk script: the same v2 infer request model-validate's load sends (one row shaped by the metadata)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"inputs":[{"name":"input-0","shape":[1,4],"datatype":"FP32","data":[0.5,0.5,0.5,0.5]}]}'
