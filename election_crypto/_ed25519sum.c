/* Sums of edwards25519 points for the tally and the proofs' checks: each point decoded once,
 * added in extended coordinates, encoded once per sum (libsodium's public API decodes both
 * inputs and encodes the result of every single addition). The arithmetic is in _ed25519.h.
 *
 * The points summed come from the bulletin board, where each was checked to be in the
 * prime-order subgroup when its ballot was cast; here an encoding that is not a curve point
 * at all is refused, nothing more. Variable time: every input is public.
 *
 * Python API (module election_crypto._ed25519sum):
 *   new(n) -> bytearray            n sums, each the identity
 *   add(sums, points: bytes)       adds points[32*i : 32*i+32] to sum i (len == 32*n),
 *                                  or k rows of n points each (len == 32*n*k); the GIL is
 *                                  released meanwhile
 *   encode(sums) -> list[bytes]    the n sums as 32-byte encodings
 *   multi_mul(points, scalars)     sum of k_i P_i for up to 4 points (32 bytes each) and
 *                                  as many 32-byte little-endian scalars: one pass of
 *                                  doublings for all terms (Straus), for the proofs' checks
 *   msm(points, scalars, cofactor) sum of k_i P_i for any number of terms (Pippenger's
 *                                  buckets), times 8 when `cofactor`: the batch check of
 *                                  many proofs' equations at once; the GIL is released
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_ed25519.h"

static PyObject *sums_new(PyObject *self, PyObject *arg) {
    (void)self;
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 0) return PyErr_Format(PyExc_ValueError, "a negative number of sums");
    PyObject *out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(ge));
    if (out == NULL) return NULL;
    ge *sums = (ge *)PyByteArray_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) ge_identity(&sums[i]);
    return out;
}

static int sums_of(PyObject *obj, ge **sums, Py_ssize_t *n) {
    if (!PyByteArray_Check(obj) || PyByteArray_GET_SIZE(obj) % sizeof(ge) != 0) {
        PyErr_SetString(PyExc_TypeError, "sums must come from new()");
        return -1;
    }
    *sums = (ge *)PyByteArray_AS_STRING(obj);
    *n = PyByteArray_GET_SIZE(obj) / (Py_ssize_t)sizeof(ge);
    return 0;
}

/* The sums' buffer stays exported (bytearray cannot be resized) while the GIL is released,
 * so threads may add to different sums at the same time. */
static PyObject *sums_add(PyObject *self, PyObject *args) {
    Py_buffer sums_buf, points;
    ge q;
    Py_ssize_t n, bad = -1;
    (void)self;
    if (!PyArg_ParseTuple(args, "w*y*", &sums_buf, &points)) return NULL;
    n = sums_buf.len / (Py_ssize_t)sizeof(ge);
    if (sums_buf.len % sizeof(ge) != 0 || n == 0 || points.len % (32 * n) != 0) {
        PyErr_Format(PyExc_ValueError, "expected rows of %zd points of 32 bytes", n);
        goto done;
    }
    ge *sums = (ge *)sums_buf.buf;
    const uint8_t *s = points.buf;
    Py_ssize_t count = points.len / 32;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < count; k++) {
        if (ge_frombytes(&q, s + 32 * k) < 0) {
            bad = k;
            break;
        }
        ge_add(&sums[k % n], &sums[k % n], &q);
    }
    Py_END_ALLOW_THREADS
    if (bad >= 0) PyErr_Format(PyExc_ValueError, "point %zd is not on the curve", bad);
done:
    PyBuffer_Release(&points);
    PyBuffer_Release(&sums_buf);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

static PyObject *sums_encode(PyObject *self, PyObject *obj) {
    (void)self;
    ge *sums;
    Py_ssize_t n;
    uint8_t s[32];
    if (sums_of(obj, &sums, &n) < 0) return NULL;
    PyObject *out = PyList_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        ge_tobytes(s, &sums[i]);
        PyObject *item = PyBytes_FromStringAndSize((const char *)s, 32);
        if (item == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, item);
    }
    return out;
}

#define MAX_TERMS 4

/* sum of k_i P_i (Straus, 4-bit windows, variable time: the inputs are public). */
static PyObject *multi_mul(PyObject *self, PyObject *args) {
    Py_buffer pts, scs;
    ge tab[MAX_TERMS][16], r;
    Py_ssize_t n, bad = -1;
    uint8_t out[32];
    (void)self;
    if (!PyArg_ParseTuple(args, "y*y*", &pts, &scs)) return NULL;
    n = pts.len / 32;
    if (pts.len % 32 != 0 || scs.len != pts.len || n < 1 || n > MAX_TERMS) {
        PyErr_Format(PyExc_ValueError, "1 to %d points and as many 32-byte scalars", MAX_TERMS);
        goto done;
    }
    const uint8_t *p = pts.buf, *k = scs.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n && bad < 0; i++) {
        ge_identity(&tab[i][0]);
        if (ge_frombytes(&tab[i][1], p + 32 * i) < 0) {
            bad = i;
            break;
        }
        for (int w = 2; w < 16; w++) ge_add(&tab[i][w], &tab[i][w - 1], &tab[i][1]);
    }
    if (bad < 0) {
        ge_identity(&r);
        for (int pos = 63; pos >= 0; pos--) {
            if (pos != 63)
                for (int d = 0; d < 4; d++) ge_dbl(&r, &r, d == 3);
            for (Py_ssize_t i = 0; i < n; i++) {
                int nib = (k[32 * i + pos / 2] >> (4 * (pos & 1))) & 15;
                if (nib) ge_add(&r, &r, &tab[i][nib]);
            }
        }
        ge_tobytes(out, &r);
    }
    Py_END_ALLOW_THREADS
    if (bad >= 0) PyErr_Format(PyExc_ValueError, "point %zd is not on the curve", bad);
done:
    PyBuffer_Release(&pts);
    PyBuffer_Release(&scs);
    if (PyErr_Occurred()) return NULL;
    return PyBytes_FromStringAndSize((const char *)out, 32);
}

/* Bits [bit, bit + c) of a 32-byte little-endian scalar (c <= 16). */
static unsigned window_bits(const uint8_t *k, int bit, int c) {
    int byte = bit >> 3;
    uint32_t v = 0;
    for (int b = 0; b < 3 && byte + b < 32; b++) v |= (uint32_t)k[byte + b] << (8 * b);
    return (v >> (bit & 7)) & ((1u << c) - 1);
}

/* sum of k_i P_i by Pippenger's bucket method: per window of c bits (from the top), each point
 * goes to the bucket of its digit, and the buckets are summed as sum_d d * B_d with two running
 * sums; about (256 / c) * (n + 2^(c+1)) additions instead of ~256 * n / 4 for separate
 * multiplications. Returns -1 (and the index in *bad) when a point is not on the curve, -2 when
 * out of memory. */
static int pippenger(ge *r, const uint8_t *pts, const uint8_t *scs, Py_ssize_t n, Py_ssize_t *bad) {
    int c = 1;
    while (c < 16 && ((Py_ssize_t)1 << (c + 2)) < n) c++;  /* about log2(n) - 2 */
    Py_ssize_t nb = ((Py_ssize_t)1 << c) - 1;
    ge *p = malloc(sizeof(ge) * (size_t)n), *bucket = malloc(sizeof(ge) * (size_t)nb);
    uint8_t *used = malloc((size_t)nb);
    int status = 0;
    if (p == NULL || bucket == NULL || used == NULL) {
        status = -2;
        goto out;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (ge_frombytes(&p[i], pts + 32 * i) < 0) {
            *bad = i;
            status = -1;
            goto out;
        }
    ge_identity(r);
    for (int w = (255 + c) / c - 1; w >= 0; w--) {  /* scalars below 2^256 */
        ge running, sum;
        int any = 0;
        for (int d = 0; d < c; d++) ge_dbl(r, r, d == c - 1);
        memset(used, 0, (size_t)nb);
        for (Py_ssize_t i = 0; i < n; i++) {
            unsigned d = window_bits(scs + 32 * i, w * c, c);
            if (d == 0) continue;
            if (used[d - 1]) {
                ge_add(&bucket[d - 1], &bucket[d - 1], &p[i]);
            } else {
                bucket[d - 1] = p[i];
                used[d - 1] = 1;
            }
        }
        ge_identity(&running);
        ge_identity(&sum);
        for (Py_ssize_t d = nb - 1; d >= 0; d--) {
            if (used[d]) {
                ge_add(&running, &running, &bucket[d]);
                any = 1;
            }
            if (any) ge_add(&sum, &sum, &running);
        }
        if (any) ge_add(r, r, &sum);
    }
out:
    free(p);
    free(bucket);
    free(used);
    return status;
}

static PyObject *msm(PyObject *self, PyObject *args) {
    Py_buffer pts, scs;
    int cofactor = 0, status = 0;
    Py_ssize_t n, bad = -1;
    ge r;
    uint8_t out[32];
    (void)self;
    if (!PyArg_ParseTuple(args, "y*y*|p", &pts, &scs, &cofactor)) return NULL;
    n = pts.len / 32;
    if (pts.len % 32 != 0 || scs.len != pts.len || n < 1) {
        PyErr_SetString(PyExc_ValueError, "points and as many 32-byte scalars");
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    status = pippenger(&r, pts.buf, scs.buf, n, &bad);
    if (status == 0 && cofactor)
        for (int d = 0; d < 3; d++) ge_dbl(&r, &r, d == 2);
    if (status == 0) ge_tobytes(out, &r);
    Py_END_ALLOW_THREADS
    if (status == -1) PyErr_Format(PyExc_ValueError, "point %zd is not on the curve", bad);
    if (status == -2) PyErr_NoMemory();
done:
    PyBuffer_Release(&pts);
    PyBuffer_Release(&scs);
    if (PyErr_Occurred()) return NULL;
    return PyBytes_FromStringAndSize((const char *)out, 32);
}

static PyMethodDef methods[] = {
    {"new", sums_new, METH_O, "new(n) -> n sums, each the identity"},
    {"add", sums_add, METH_VARARGS, "add(sums, points): point 32*i..32*i+32 to sum i mod n"},
    {"encode", sums_encode, METH_O, "encode(sums) -> the sums as 32-byte encodings"},
    {"multi_mul", multi_mul, METH_VARARGS,
     "multi_mul(points, scalars) -> sum of k_i P_i (32 bytes each, little-endian scalars)"},
    {"msm", msm, METH_VARARGS,
     "msm(points, scalars, cofactor=False) -> sum of k_i P_i (times 8 with cofactor)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_ed25519sum", "Sums of edwards25519 points (see the source).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__ed25519sum(void) {
    fe_frombytes(FE_D, D_BYTES);
    fe_frombytes(FE_D2, D2_BYTES);
    fe_frombytes(FE_SQRTM1, SQRTM1_BYTES);
    return PyModule_Create(&module);
}
