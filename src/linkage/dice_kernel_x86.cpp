// The per-instruction-set register tiles of the Dice kernel. Each function is compiled for its own
// target with __attribute__((target)), so the project itself needs no -march flag and runs on any
// x86-64; dice_kernel.cpp calls one only after __builtin_cpu_supports said it may.
// GCC 12 reports the deliberate self-initialisation inside _mm512_undefined_epi32 (used by the
// unmasked AVX-512 intrinsics) as -Wmaybe-uninitialized once inlined (GCC bug 105593, fixed in 13).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <cstdint>
#include <vector>

#include "linkage/dice_kernel.h"

namespace haven::linkage::detail {

#if defined(__x86_64__)

namespace {

// ---- scalar POPCNT: four queries share each candidate word load ----

__attribute__((target("popcnt"))) void tile_popcnt(const BloomFilter* q, const uint16_t* qpop,
                                                   uint32_t nq, const BloomFilter* c,
                                                   const uint16_t* cpop, uint32_t nc,
                                                   uint32_t scaled, uint32_t q_base,
                                                   uint32_t c_base, std::vector<DiceHit>& out) {
  // Short tiles repeat query 0; its extra lanes are never reported.
  const uint64_t* q0 = q[0].words.data();
  const uint64_t* q1 = q[nq > 1 ? 1 : 0].words.data();
  const uint64_t* q2 = q[nq > 2 ? 2 : 0].words.data();
  const uint64_t* q3 = q[nq > 3 ? 3 : 0].words.data();
  for (uint32_t i = 0; i < nc; ++i) {
    const uint64_t* cw = c[i].words.data();
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#pragma GCC unroll 16
    for (size_t w = 0; w < kFilterWords; ++w) {
      const uint64_t x = cw[w];
      s0 += static_cast<uint64_t>(__builtin_popcountll(q0[w] & x));
      s1 += static_cast<uint64_t>(__builtin_popcountll(q1[w] & x));
      s2 += static_cast<uint64_t>(__builtin_popcountll(q2[w] & x));
      s3 += static_cast<uint64_t>(__builtin_popcountll(q3[w] & x));
    }
    const uint32_t s[4] = {static_cast<uint32_t>(s0), static_cast<uint32_t>(s1),
                           static_cast<uint32_t>(s2), static_cast<uint32_t>(s3)};
    for (uint32_t j = 0; j < nq; ++j) {
      if (s[j] != 0 && (s[j] << 17) >= scaled * (uint32_t{qpop[j]} + cpop[i]))
        out.push_back({q_base + j, c_base + i, s[j]});
    }
  }
}

// ---- AVX2: nibble lookup with VPSHUFB, byte counts summed by VPSADBW ----

__attribute__((target("avx2"))) inline __m256i popcount_bytes(__m256i x, __m256i table,
                                                              __m256i low) {
  const __m256i lo = _mm256_shuffle_epi8(table, _mm256_and_si256(x, low));
  const __m256i hi = _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(x, 4), low));
  return _mm256_add_epi8(lo, hi);
}

// |q ∧ c| as four 64-bit partial sums.
__attribute__((target("avx2"))) inline __m256i common_avx2(const __m256i* qv, __m256i c0,
                                                           __m256i c1, __m256i c2, __m256i c3,
                                                           __m256i table, __m256i low) {
  // Each byte count is ≤ 8, four of them ≤ 32: no overflow before the SAD.
  __m256i acc = popcount_bytes(_mm256_and_si256(qv[0], c0), table, low);
  acc = _mm256_add_epi8(acc, popcount_bytes(_mm256_and_si256(qv[1], c1), table, low));
  acc = _mm256_add_epi8(acc, popcount_bytes(_mm256_and_si256(qv[2], c2), table, low));
  acc = _mm256_add_epi8(acc, popcount_bytes(_mm256_and_si256(qv[3], c3), table, low));
  return _mm256_sad_epu8(acc, _mm256_setzero_si256());
}

__attribute__((target("avx2"))) void tile_avx2(const BloomFilter* q, const uint16_t* qpop,
                                               uint32_t nq, const BloomFilter* c,
                                               const uint16_t* cpop, uint32_t nc, uint32_t scaled,
                                               uint32_t q_base, uint32_t c_base,
                                               std::vector<DiceHit>& out) {
  const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2,
                                         1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m256i low = _mm256_set1_epi8(0x0F);
  __m256i qv[4][4];
  int64_t apop[4];
  for (uint32_t j = 0; j < 4; ++j) {
    const uint32_t src = j < nq ? j : 0;
    const auto* p = reinterpret_cast<const __m256i*>(q[src].words.data());
    for (int k = 0; k < 4; ++k) qv[j][k] = _mm256_load_si256(p + k);
    apop[j] = qpop[src];
  }
  const __m256i avec = _mm256_setr_epi64x(apop[0], apop[1], apop[2], apop[3]);
  const __m256i svec = _mm256_set1_epi64x(scaled);
  const __m256i one = _mm256_set1_epi64x(1);
  const __m256i zero = _mm256_setzero_si256();
  const int lanes = (1 << nq) - 1;
  for (uint32_t i = 0; i < nc; ++i) {
    const auto* p = reinterpret_cast<const __m256i*>(c[i].words.data());
    const __m256i c0 = _mm256_load_si256(p), c1 = _mm256_load_si256(p + 1);
    const __m256i c2 = _mm256_load_si256(p + 2), c3 = _mm256_load_si256(p + 3);
    const __m256i v0 = common_avx2(qv[0], c0, c1, c2, c3, table, low);
    const __m256i v1 = common_avx2(qv[1], c0, c1, c2, c3, table, low);
    const __m256i v2 = common_avx2(qv[2], c0, c1, c2, c3, table, low);
    const __m256i v3 = common_avx2(qv[3], c0, c1, c2, c3, table, low);
    // Transpose-add: [v0 v1 v2 v3] → one vector of four pair totals.
    const __m256i t01 =
        _mm256_add_epi64(_mm256_unpacklo_epi64(v0, v1), _mm256_unpackhi_epi64(v0, v1));
    const __m256i t23 =
        _mm256_add_epi64(_mm256_unpacklo_epi64(v2, v3), _mm256_unpackhi_epi64(v2, v3));
    const __m256i sums = _mm256_add_epi64(_mm256_permute2x128_si256(t01, t23, 0x20),
                                          _mm256_permute2x128_si256(t01, t23, 0x31));
    const __m256i total = _mm256_add_epi64(avec, _mm256_set1_epi64x(cpop[i]));
    const __m256i rhs = _mm256_mul_epu32(total, svec);
    const __m256i lhs = _mm256_slli_epi64(sums, 17);
    // lhs ≥ rhs and sums > 0 (values are far below 2^63, so signed compares are exact).
    const __m256i pass = _mm256_and_si256(_mm256_cmpgt_epi64(_mm256_add_epi64(lhs, one), rhs),
                                          _mm256_cmpgt_epi64(sums, zero));
    const int m = _mm256_movemask_pd(_mm256_castsi256_pd(pass)) & lanes;
    if (m) {
      alignas(32) uint64_t s[4];
      _mm256_store_si256(reinterpret_cast<__m256i*>(s), sums);
      for (uint32_t j = 0; j < nq; ++j)
        if (m & (1 << j)) out.push_back({q_base + j, c_base + i, static_cast<uint32_t>(s[j])});
    }
  }
}

// ---- AVX-512: eight queries in 16 registers, VPOPCNTQ, a transpose-add reduction ----

#define HAVEN_AVX512 __attribute__((target("avx512f,avx512vpopcntdq")))

// Lanes [a(01) b(01) a(23) b(23) …]: adjacent-lane sums of two vectors, interleaved.
HAVEN_AVX512 inline __m512i pair_add(__m512i a, __m512i b) {
  return _mm512_add_epi64(_mm512_unpacklo_epi64(a, b), _mm512_unpackhi_epi64(a, b));
}
// Adds 128-bit lanes 0+1 and 2+3 of a, then of b: [a(l0+l1) a(l2+l3) b(l0+l1) b(l2+l3)].
HAVEN_AVX512 inline __m512i lane_add(__m512i a, __m512i b) {
  return _mm512_add_epi64(_mm512_shuffle_i64x2(a, b, _MM_SHUFFLE(2, 0, 2, 0)),
                          _mm512_shuffle_i64x2(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
}
HAVEN_AVX512 inline __m512i common_avx512(__m512i qlo, __m512i qhi, __m512i clo, __m512i chi) {
  return _mm512_add_epi64(_mm512_popcnt_epi64(_mm512_and_si512(qlo, clo)),
                          _mm512_popcnt_epi64(_mm512_and_si512(qhi, chi)));
}

HAVEN_AVX512 void tile_avx512(const BloomFilter* q, const uint16_t* qpop, uint32_t nq,
                              const BloomFilter* c, const uint16_t* cpop, uint32_t nc,
                              uint32_t scaled, uint32_t q_base, uint32_t c_base,
                              std::vector<DiceHit>& out) {
  __m512i lo[8], hi[8];
  alignas(64) uint64_t apop[8];
  for (uint32_t j = 0; j < 8; ++j) {
    const uint32_t src = j < nq ? j : 0;
    lo[j] = _mm512_load_si512(q[src].words.data());
    hi[j] = _mm512_load_si512(q[src].words.data() + 8);
    apop[j] = qpop[src];
  }
  const __m512i avec = _mm512_load_si512(apop);
  const __m512i svec = _mm512_set1_epi64(scaled);
  const __m512i one = _mm512_set1_epi64(1);
  const __mmask8 lanes = static_cast<__mmask8>((1u << nq) - 1);
  for (uint32_t i = 0; i < nc; ++i) {
    const __m512i clo = _mm512_load_si512(c[i].words.data());
    const __m512i chi = _mm512_load_si512(c[i].words.data() + 8);
    const __m512i s01 =
        pair_add(common_avx512(lo[0], hi[0], clo, chi), common_avx512(lo[1], hi[1], clo, chi));
    const __m512i s23 =
        pair_add(common_avx512(lo[2], hi[2], clo, chi), common_avx512(lo[3], hi[3], clo, chi));
    const __m512i s45 =
        pair_add(common_avx512(lo[4], hi[4], clo, chi), common_avx512(lo[5], hi[5], clo, chi));
    const __m512i s67 =
        pair_add(common_avx512(lo[6], hi[6], clo, chi), common_avx512(lo[7], hi[7], clo, chi));
    // Lane j of `sums` is |q_j ∧ c_i|.
    const __m512i sums = lane_add(lane_add(s01, s23), lane_add(s45, s67));
    const __m512i total = _mm512_add_epi64(avec, _mm512_set1_epi64(cpop[i]));
    const __m512i rhs = _mm512_max_epu64(_mm512_mul_epu32(total, svec), one);
    const __mmask8 m = _mm512_mask_cmpge_epu64_mask(lanes, _mm512_slli_epi64(sums, 17), rhs);
    if (m) {
      alignas(64) uint64_t s[8];
      _mm512_store_si512(s, sums);
      for (uint32_t j = 0; j < nq; ++j)
        if (m & (1u << j)) out.push_back({q_base + j, c_base + i, static_cast<uint32_t>(s[j])});
    }
  }
}

#undef HAVEN_AVX512

}  // namespace

bool x86_supported(Isa isa) {
  __builtin_cpu_init();
  switch (isa) {
    case Isa::kPortable:
      return true;
    case Isa::kPopcnt:
      return __builtin_cpu_supports("popcnt");
    case Isa::kAvx2:
      return __builtin_cpu_supports("avx2");
    case Isa::kAvx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
  }
  return false;
}

TileFn x86_tile(Isa isa) {
  switch (isa) {
    case Isa::kPopcnt:
      return tile_popcnt;
    case Isa::kAvx2:
      return tile_avx2;
    case Isa::kAvx512:
      return tile_avx512;
    case Isa::kPortable:
      break;
  }
  return nullptr;
}

#else  // not x86-64: only the portable variant exists

bool x86_supported(Isa) {
  return false;
}
TileFn x86_tile(Isa) {
  return nullptr;
}

#endif

}  // namespace haven::linkage::detail
