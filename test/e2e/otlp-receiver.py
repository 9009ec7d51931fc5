"""An OTLP receiver for the end-to-end tests: HTTP (http/protobuf) and gRPC on 127.0.0.1.

Prints one JSON line with its two ports, then one JSON line per export it receives: the signal,
the transport, and for each resource its service.name and string attributes with the names of its metrics (and their unit, kind
and labels) or spans, or
its count of log records. Runs with a Python that has opentelemetry-proto and grpcio.
"""
import gzip
import json
import sys
import threading
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

LOCK = threading.Lock()


def attributes(resource):
    return {attribute.key: attribute.value.string_value for attribute in resource.attributes if attribute.value.HasField("string_value")}


def described(resource, **what):
    found = attributes(resource)
    return {"service": found.get("service.name"), "attributes": found, **what}


def data_points(metric):
    kind = metric.WhichOneof("data")
    points = getattr(metric, kind).data_points
    monotonic = kind == "sum" and metric.sum.is_monotonic
    labels = sorted({attribute.key for point in points for attribute in point.attributes})
    return {"name": metric.name, "unit": metric.unit, "kind": kind, "monotonic": monotonic, "labels": labels}


def summary(signal, request):
    if signal == "metrics":
        return [described(r.resource, names=[m.name for s in r.scope_metrics for m in s.metrics], metrics=[data_points(m) for s in r.scope_metrics for m in s.metrics]) for r in request.resource_metrics]
    if signal == "traces":
        return [described(r.resource, names=[span.name for s in r.scope_spans for span in s.spans]) for r in request.resource_spans]
    return [described(r.resource, records=sum(len(s.log_records) for s in r.scope_logs)) for r in request.resource_logs]


def report(signal, transport, request):
    line = json.dumps({"signal": signal, "transport": transport, "resources": summary(signal, request)}, sort_keys=True)
    with LOCK:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


SERVICES = {
    "metrics": (metrics_service_pb2.ExportMetricsServiceRequest, metrics_service_pb2.ExportMetricsServiceResponse, "opentelemetry.proto.collector.metrics.v1.MetricsService"),
    "traces": (trace_service_pb2.ExportTraceServiceRequest, trace_service_pb2.ExportTraceServiceResponse, "opentelemetry.proto.collector.trace.v1.TraceService"),
    "logs": (logs_service_pb2.ExportLogsServiceRequest, logs_service_pb2.ExportLogsServiceResponse, "opentelemetry.proto.collector.logs.v1.LogsService"),
}


class HttpReceiver(BaseHTTPRequestHandler):
    def do_POST(self):
        signal = self.path.rstrip("/").rsplit("/", 1)[-1]
        if signal not in SERVICES:
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        request_type, response_type, _ = SERVICES[signal]
        report(signal, "http", request_type.FromString(body))
        answer = response_type().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def grpc_handler(signal):
    request_type, response_type, service = SERVICES[signal]

    def export(request, context):
        report(signal, "grpc", request)
        return response_type()

    return grpc.method_handlers_generic_handler(service, {
        "Export": grpc.unary_unary_rpc_method_handler(export, request_deserializer=request_type.FromString, response_serializer=response_type.SerializeToString),
    })


def main():
    http = ThreadingHTTPServer(("127.0.0.1", 0), HttpReceiver)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    server.add_generic_rpc_handlers([grpc_handler(signal) for signal in SERVICES])
    grpc_port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    sys.stdout.write(json.dumps({"http": http.server_address[1], "grpc": grpc_port}) + "\n")
    sys.stdout.flush()
    # Runs until the test closes standard input or stops the process.
    sys.stdin.read()
    server.stop(0)
    http.shutdown()


if __name__ == "__main__":
    main()
