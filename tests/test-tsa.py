#!/usr/bin/env python3
"""A throwaway RFC 3161 timestamp authority for the shell tests: makes a test PKI with the
openssl command in DIR (root CA, intermediate CA, P-256 TSA certificate with extendedKeyUsage
critical,timeStamping), then answers HTTP POSTs on 127.0.0.1 with `openssl ts -reply`.
Writes its URL to DIR/url once it listens. Stops by itself after SECONDS (default 600).

Usage: tests/test-tsa.py DIR [SECONDS]     (DIR/root.pem is the root to give --tsa-roots)
"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading

d = os.path.abspath(sys.argv[1])
limit = float(sys.argv[2]) if len(sys.argv) > 2 else 600.0
os.makedirs(d, exist_ok=True)


def ossl(*args):
    subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)


def write(name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)


EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
ossl("req", "-x509", "-new", *EC, "-keyout", "root.key", "-out", "root.pem", "-days", "3650",
     "-subj", "/CN=Custody Shell Test Root CA", "-addext", "basicConstraints=critical,CA:true",
     "-addext", "keyUsage=critical,keyCertSign,cRLSign")
write("ca.ext", "basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n")
write("tsa.ext", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
      "extendedKeyUsage=critical,timeStamping\n")
for name, cn, ca, ext in (("inter", "Custody Shell Test Intermediate CA", "root", "ca.ext"),
                          ("tsa", "Custody Shell Test TSA", "inter", "tsa.ext")):
    ossl("req", "-new", *EC, "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn)
    ossl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-set_serial",
         str(abs(hash(name)) % 100000 + 2), "-days", "3650", "-extfile", ext, "-out", name + ".pem")
write("tsaserial", "01\n")
write("tsa.cnf", f"""[ tsa ]
default_tsa = t
[ t ]
serial = {d}/tsaserial
crypto_device = builtin
signer_cert = {d}/tsa.pem
certs = {d}/inter.pem
signer_key = {d}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
clock_precision_digits = 3
ess_cert_id_alg = sha256
""")
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock, tempfile.TemporaryDirectory() as w:
            q, r = os.path.join(w, "q.tsq"), os.path.join(w, "r.tsr")
            with open(q, "wb") as f:
                f.write(body)
            subprocess.run(["openssl", "ts", "-reply", "-config", os.path.join(d, "tsa.cnf"), "-queryfile", q,
                            "-out", r], check=True, capture_output=True)
            with open(r, "rb") as f:
                reply = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
threading.Timer(limit, server.shutdown).start()
write("url.tmp", "http://127.0.0.1:%d/tsa\n" % server.server_address[1])
os.rename(os.path.join(d, "url.tmp"), os.path.join(d, "url"))
server.serve_forever()
