#!/usr/bin/env bash
# A throw-away PKI for the TLS transport tests, made with the openssl CLI (EC P-256, valid for 2 days):
#   pki.sh OUTDIR
# writes into OUTDIR (created if missing, existing files overwritten):
#   ca.crt, ca.key             the test CA
#   server.crt, server.key     CN sink.holdfast.test, SAN DNS:sink.holdfast.test, DNS:localhost, IP:127.0.0.1, serverAuth
#   client1.crt, client1.key   CN client1, clientAuth, signed by the CA
#   client2.crt, client2.key   CN client2, clientAuth, signed by the CA
#   rogue-ca.crt, rogue-ca.key an unrelated second CA
#   rogue.crt, rogue.key       CN client1 (the same name as a real client), clientAuth, signed by the rogue CA
# Keys are SEC1 PEM ("BEGIN EC PRIVATE KEY"); load them as EC keys (QSsl::Ec), not RSA.
# Self-contained: no system openssl.cnf is read, so it works the same on any openssl 3.x (Debian 12: 3.0).
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
OUT=$1
DAYS=2
mkdir -p "$OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/holdfast-pki.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# An empty configuration: nothing from /etc/ssl/openssl.cnf leaks into the certificates.
: >"$TMP/empty.cnf"
export OPENSSL_CONF=$TMP/empty.cnf

# newkey NAME: an EC P-256 private key in OUT/NAME.key, readable by the owner only.
newkey() {
    rm -f "$OUT/$1.key"
    (umask 077 && openssl ecparam -name prime256v1 -genkey -noout -out "$OUT/$1.key")
}

# newca NAME CN: a self-signed CA certificate OUT/NAME.crt with its key OUT/NAME.key.
newca() {
    newkey "$1"
    cat >"$TMP/$1.cnf" <<EOF
[req]
distinguished_name = dn
x509_extensions = ext
prompt = no
[dn]
CN = $2
O = Holdfast tests
[ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
    openssl req -new -x509 -config "$TMP/$1.cnf" -key "$OUT/$1.key" -sha256 -days "$DAYS" \
        -set_serial "0x$(openssl rand -hex 12)" -out "$OUT/$1.crt"
}

# newleaf NAME CN CA EXTENSIONS...: OUT/NAME.crt/.key signed by OUT/CA.crt, with the given extension lines.
newleaf() {
    local name=$1 cn=$2 ca=$3
    shift 3
    newkey "$name"
    {
        echo "basicConstraints = critical,CA:FALSE"
        echo "keyUsage = critical,digitalSignature"
        echo "subjectKeyIdentifier = hash"
        echo "authorityKeyIdentifier = keyid"
        printf '%s\n' "$@"
    } >"$TMP/$name.ext"
    openssl req -new -key "$OUT/$name.key" -subj "/CN=$cn" -out "$TMP/$name.csr"
    openssl x509 -req -in "$TMP/$name.csr" -CA "$OUT/$ca.crt" -CAkey "$OUT/$ca.key" \
        -set_serial "0x$(openssl rand -hex 12)" -sha256 -days "$DAYS" -extfile "$TMP/$name.ext" \
        -out "$OUT/$name.crt" 2>/dev/null
}

newca ca "Holdfast Test CA"
newleaf server sink.holdfast.test ca "extendedKeyUsage = serverAuth" \
    "subjectAltName = DNS:sink.holdfast.test,DNS:localhost,IP:127.0.0.1"
newleaf client1 client1 ca "extendedKeyUsage = clientAuth"
newleaf client2 client2 ca "extendedKeyUsage = clientAuth"
newca rogue-ca "Holdfast Rogue CA"
newleaf rogue client1 rogue-ca "extendedKeyUsage = clientAuth"
chmod 0644 "$OUT"/*.crt

# Check what was made: every leaf chains to its CA (with the purpose it is for), the rogue one not to the real CA.
openssl verify -CAfile "$OUT/ca.crt" -purpose sslserver "$OUT/server.crt" >/dev/null
openssl verify -CAfile "$OUT/ca.crt" -purpose sslclient "$OUT/client1.crt" "$OUT/client2.crt" >/dev/null
openssl verify -CAfile "$OUT/rogue-ca.crt" -purpose sslclient "$OUT/rogue.crt" >/dev/null
if openssl verify -CAfile "$OUT/ca.crt" "$OUT/rogue.crt" >/dev/null 2>&1; then
    echo "pki.sh: rogue.crt verifies against ca.crt" >&2
    exit 1
fi
