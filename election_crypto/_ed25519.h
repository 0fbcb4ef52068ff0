/* edwards25519 field and group arithmetic for the native loops (see _ed25519sum.c):
 * field elements mod p = 2^255 - 19 in five 51-bit limbs (the "donna" 64-bit representation);
 * points in extended twisted Edwards coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, with
 * the unified addition of Hisil-Wong-Carter-Dawson 2008 for a = -1. Variable time: every
 * input is public. */

#ifndef ED25519_ARITH_H
#define ED25519_ARITH_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned __int128 u128;
typedef uint64_t fe[5];
typedef struct { fe X, Y, Z, T; } ge;

#define MASK51 ((uint64_t)0x7ffffffffffff)

static const uint8_t D_BYTES[32] = {
    0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70,
    0x00, 0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c,
    0x03, 0x52};
static const uint8_t D2_BYTES[32] = {
    0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83, 0x82, 0x9a, 0x14, 0xe0,
    0x00, 0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80, 0x8e, 0x19, 0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9,
    0x06, 0x24};
static const uint8_t SQRTM1_BYTES[32] = {
    0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43,
    0x2f, 0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24,
    0x83, 0x2b};

static fe FE_D, FE_D2, FE_SQRTM1;

static uint64_t load64(const uint8_t *s) {
    uint64_t r;
    memcpy(&r, s, 8); /* x86-64 and arm64 are little-endian */
    return r;
}

static void fe_frombytes(fe h, const uint8_t *s) {
    h[0] = load64(s) & MASK51;
    h[1] = (load64(s + 6) >> 3) & MASK51;
    h[2] = (load64(s + 12) >> 6) & MASK51;
    h[3] = (load64(s + 19) >> 1) & MASK51;
    h[4] = (load64(s + 24) >> 12) & MASK51;
}

static void fe_carry(uint64_t t[5]) {
    t[1] += t[0] >> 51; t[0] &= MASK51;
    t[2] += t[1] >> 51; t[1] &= MASK51;
    t[3] += t[2] >> 51; t[2] &= MASK51;
    t[4] += t[3] >> 51; t[3] &= MASK51;
    t[0] += 19 * (t[4] >> 51); t[4] &= MASK51;
}

static void fe_tobytes(uint8_t *s, const fe h) {
    uint64_t t[5] = {h[0], h[1], h[2], h[3], h[4]}, q, w[4];
    fe_carry(t);
    fe_carry(t);
    q = (t[0] + 19) >> 51; /* q = 1 exactly when t >= p */
    q = (t[1] + q) >> 51;
    q = (t[2] + q) >> 51;
    q = (t[3] + q) >> 51;
    q = (t[4] + q) >> 51;
    t[0] += 19 * q;
    t[1] += t[0] >> 51; t[0] &= MASK51;
    t[2] += t[1] >> 51; t[1] &= MASK51;
    t[3] += t[2] >> 51; t[2] &= MASK51;
    t[4] += t[3] >> 51; t[3] &= MASK51;
    t[4] &= MASK51; /* drops 2^255: t - p */
    w[0] = t[0] | (t[1] << 51);
    w[1] = (t[1] >> 13) | (t[2] << 38);
    w[2] = (t[2] >> 26) | (t[3] << 25);
    w[3] = (t[3] >> 39) | (t[4] << 12);
    memcpy(s, w, 32);
}

static void fe_add(fe h, const fe f, const fe g) {
    for (int i = 0; i < 5; i++) h[i] = f[i] + g[i];
}

/* f - g + 4p: limbs of g below 2^53 keep it positive. */
static void fe_sub(fe h, const fe f, const fe g) {
    h[0] = f[0] + 0x1FFFFFFFFFFFB4ULL - g[0];
    for (int i = 1; i < 5; i++) h[i] = f[i] + 0x1FFFFFFFFFFFFCULL - g[i];
    fe_carry(h);
}

static void fe_mul(fe h, const fe f, const fe g) {
    uint64_t g1 = g[1] * 19, g2 = g[2] * 19, g3 = g[3] * 19, g4 = g[4] * 19;
    u128 r0 = (u128)f[0] * g[0] + (u128)f[1] * g4 + (u128)f[2] * g3 + (u128)f[3] * g2
              + (u128)f[4] * g1;
    u128 r1 = (u128)f[0] * g[1] + (u128)f[1] * g[0] + (u128)f[2] * g4 + (u128)f[3] * g3
              + (u128)f[4] * g2;
    u128 r2 = (u128)f[0] * g[2] + (u128)f[1] * g[1] + (u128)f[2] * g[0] + (u128)f[3] * g4
              + (u128)f[4] * g3;
    u128 r3 = (u128)f[0] * g[3] + (u128)f[1] * g[2] + (u128)f[2] * g[1] + (u128)f[3] * g[0]
              + (u128)f[4] * g4;
    u128 r4 = (u128)f[0] * g[4] + (u128)f[1] * g[3] + (u128)f[2] * g[2] + (u128)f[3] * g[1]
              + (u128)f[4] * g[0];
    r1 += (uint64_t)(r0 >> 51); h[0] = (uint64_t)r0 & MASK51;
    r2 += (uint64_t)(r1 >> 51); h[1] = (uint64_t)r1 & MASK51;
    r3 += (uint64_t)(r2 >> 51); h[2] = (uint64_t)r2 & MASK51;
    r4 += (uint64_t)(r3 >> 51); h[3] = (uint64_t)r3 & MASK51;
    h[0] += 19 * (uint64_t)(r4 >> 51); h[4] = (uint64_t)r4 & MASK51;
    h[1] += h[0] >> 51; h[0] &= MASK51;
}

static void fe_sq(fe h, const fe f) {
    uint64_t d0 = f[0] * 2, d1 = f[1] * 2, d2 = f[2] * 2 * 19, d419 = f[4] * 19, d4 = d419 * 2;
    u128 r0 = (u128)f[0] * f[0] + (u128)d4 * f[1] + (u128)d2 * f[3];
    u128 r1 = (u128)d0 * f[1] + (u128)d4 * f[2] + (u128)f[3] * (f[3] * 19);
    u128 r2 = (u128)d0 * f[2] + (u128)f[1] * f[1] + (u128)d4 * f[3];
    u128 r3 = (u128)d0 * f[3] + (u128)d1 * f[2] + (u128)f[4] * d419;
    u128 r4 = (u128)d0 * f[4] + (u128)d1 * f[3] + (u128)f[2] * f[2];
    r1 += (uint64_t)(r0 >> 51); h[0] = (uint64_t)r0 & MASK51;
    r2 += (uint64_t)(r1 >> 51); h[1] = (uint64_t)r1 & MASK51;
    r3 += (uint64_t)(r2 >> 51); h[2] = (uint64_t)r2 & MASK51;
    r4 += (uint64_t)(r3 >> 51); h[3] = (uint64_t)r3 & MASK51;
    h[0] += 19 * (uint64_t)(r4 >> 51); h[4] = (uint64_t)r4 & MASK51;
    h[1] += h[0] >> 51; h[0] &= MASK51;
}

static void fe_sqn(fe h, const fe f, int n) {
    fe_sq(h, f);
    while (--n > 0) fe_sq(h, h);
}

/* z^(2^250 - 1), and z^11 in z11 */
static void fe_pow250(fe out, fe z11, const fe z) {
    fe t0, t1, t2;
    fe_sq(t0, z);           /* 2 */
    fe_sqn(t1, t0, 2);      /* 8 */
    fe_mul(t1, z, t1);      /* 9 */
    fe_mul(z11, t0, t1);    /* 11 */
    fe_sq(t0, z11);         /* 22 */
    fe_mul(t0, t1, t0);     /* 2^5 - 1 */
    fe_sqn(t1, t0, 5);
    fe_mul(t0, t1, t0);     /* 2^10 - 1 */
    fe_sqn(t1, t0, 10);
    fe_mul(t1, t1, t0);     /* 2^20 - 1 */
    fe_sqn(t2, t1, 20);
    fe_mul(t1, t2, t1);     /* 2^40 - 1 */
    fe_sqn(t1, t1, 10);
    fe_mul(t0, t1, t0);     /* 2^50 - 1 */
    fe_sqn(t1, t0, 50);
    fe_mul(t1, t1, t0);     /* 2^100 - 1 */
    fe_sqn(t2, t1, 100);
    fe_mul(t1, t2, t1);     /* 2^200 - 1 */
    fe_sqn(t1, t1, 50);
    fe_mul(out, t1, t0);    /* 2^250 - 1 */
}

static void fe_invert(fe out, const fe z) { /* z^(p - 2) = z^(2^255 - 21) */
    fe t, z11;
    fe_pow250(t, z11, z);
    fe_sqn(t, t, 5);        /* 2^255 - 32 */
    fe_mul(out, t, z11);
}

static void fe_pow22523(fe out, const fe z) { /* z^((p - 5) / 8) = z^(2^252 - 3) */
    fe t, z11;
    fe_pow250(t, z11, z);
    fe_sqn(t, t, 2);        /* 2^252 - 4 */
    fe_mul(out, t, z);
}

static int fe_iszero(const fe f) {
    uint8_t s[32], acc = 0;
    fe_tobytes(s, f);
    for (int i = 0; i < 32; i++) acc |= s[i];
    return acc == 0;
}

static int fe_isnegative(const fe f) {
    uint8_t s[32];
    fe_tobytes(s, f);
    return s[0] & 1;
}

static void ge_identity(ge *p) {
    memset(p, 0, sizeof *p);
    p->Y[0] = 1;
    p->Z[0] = 1;
}

/* RFC 8032 section 5.1.3; 0 on success, -1 when the encoding is not a curve point. */
static int ge_frombytes(ge *p, const uint8_t *s) {
    fe u, v, v3, x, vxx, check, one = {1, 0, 0, 0, 0};
    fe_frombytes(p->Y, s);
    memcpy(p->Z, one, sizeof one);
    fe_sq(u, p->Y);
    fe_mul(v, u, FE_D);
    fe_sub(u, u, one);          /* y^2 - 1 */
    fe_add(v, v, one);          /* d y^2 + 1 */
    fe_sq(v3, v);
    fe_mul(v3, v3, v);          /* v^3 */
    fe_sq(x, v3);
    fe_mul(x, x, v);
    fe_mul(x, x, u);            /* u v^7 */
    fe_pow22523(x, x);
    fe_mul(x, x, v3);
    fe_mul(x, x, u);            /* u v^3 (u v^7)^((p-5)/8) */
    fe_sq(vxx, x);
    fe_mul(vxx, vxx, v);
    fe_sub(check, vxx, u);
    if (!fe_iszero(check)) {
        fe_add(check, vxx, u);
        if (!fe_iszero(check)) return -1;
        fe_mul(x, x, FE_SQRTM1);
    }
    if (fe_isnegative(x) != (s[31] >> 7)) {
        fe zero = {0, 0, 0, 0, 0};
        if (fe_iszero(x)) return -1; /* x = 0 with the sign bit set */
        fe_sub(x, zero, x);
    }
    memcpy(p->X, x, sizeof x);
    fe_mul(p->T, x, p->Y);
    return 0;
}

static void ge_add(ge *r, const ge *p, const ge *q) {
    fe a, b, c, d, e, f, g, h;
    fe_sub(a, p->Y, p->X);
    fe_sub(h, q->Y, q->X);
    fe_mul(a, a, h);            /* A = (Y1 - X1)(Y2 - X2) */
    fe_add(b, p->Y, p->X);
    fe_add(h, q->Y, q->X);
    fe_mul(b, b, h);            /* B = (Y1 + X1)(Y2 + X2) */
    fe_mul(c, p->T, q->T);
    fe_mul(c, c, FE_D2);        /* C = 2d T1 T2 */
    fe_mul(d, p->Z, q->Z);
    fe_add(d, d, d);            /* D = 2 Z1 Z2 */
    fe_sub(e, b, a);
    fe_sub(f, d, c);
    fe_add(g, d, c);
    fe_add(h, b, a);
    fe_mul(r->X, e, f);
    fe_mul(r->Y, g, h);
    fe_mul(r->T, e, h);
    fe_mul(r->Z, f, g);
}

/* 2P (dbl-2008-hwcd, a = -1, signs as in ref10); T only `with_t` (doubling and adding
 * never read it). */
static void ge_dbl(ge *r, const ge *p, int with_t) {
    fe a, b, c, e, f, g, h;
    fe_sq(a, p->X);
    fe_sq(b, p->Y);
    fe_sq(c, p->Z);
    fe_add(c, c, c);            /* C = 2 Z^2 */
    fe_add(e, p->X, p->Y);
    fe_sq(e, e);
    fe_add(h, a, b);            /* H = A + B */
    fe_sub(e, h, e);            /* E = A + B - (X + Y)^2 */
    fe_sub(g, a, b);            /* G = A - B */
    fe_add(f, c, g);            /* F = C + G */
    fe_mul(r->X, e, f);
    fe_mul(r->Y, g, h);
    if (with_t) fe_mul(r->T, e, h);
    fe_mul(r->Z, f, g);
}

static void ge_tobytes(uint8_t *s, const ge *p) {
    fe zi, x, y;
    fe_invert(zi, p->Z);
    fe_mul(x, p->X, zi);
    fe_mul(y, p->Y, zi);
    fe_tobytes(s, y);
    s[31] ^= (uint8_t)(fe_isnegative(x) << 7);
}


#endif
