using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace QuakeDetective.Core.Consensus;

/// <summary>
/// The two per-vote loops of Dawid–Skene EM, which take nearly all its time. Four classes (the default
/// answer set) use one 256-bit vector per vote; other class counts use the scalar loop. Indices come from
/// a <see cref="VoteSet"/>, which guarantees them in range, so bounds checks are skipped.
/// </summary>
internal static class DawidSkeneKernels
{
    /// <summary>expected[volunteer][answer][c] += posterior[subject][c] over every vote.</summary>
    public static void AccumulateExpectedCounts(VoteSet votes, double[] posterior, double[] expected, int k)
    {
        var offsets = votes.SubjectOffsetArray;
        ref var volunteers = ref MemoryMarshal.GetArrayDataReference(votes.VoteVolunteerArray);
        ref var classes = ref MemoryMarshal.GetArrayDataReference(votes.VoteClassArray);
        ref var post = ref MemoryMarshal.GetArrayDataReference(posterior);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(expected);
        var subjectCount = votes.SubjectCount;
        if (k == 4 && Vector256.IsHardwareAccelerated)
        {
            for (var s = 0; s < subjectCount; s++)
            {
                var t = Vector256.LoadUnsafe(ref post, (nuint)(s * 4));
                var end = offsets[s + 1];
                for (var v = offsets[s]; v < end; v++)
                {
                    var cell = (nuint)(((Unsafe.Add(ref volunteers, v) * 4) + Unsafe.Add(ref classes, v)) * 4);
                    (Vector256.LoadUnsafe(ref counts, cell) + t).StoreUnsafe(ref counts, cell);
                }
            }

            return;
        }

        for (var s = 0; s < subjectCount; s++)
        {
            var row = s * k;
            var end = offsets[s + 1];
            for (var v = offsets[s]; v < end; v++)
            {
                var cell = ((Unsafe.Add(ref volunteers, v) * k) + Unsafe.Add(ref classes, v)) * k;
                for (var c = 0; c < k; c++)
                {
                    Unsafe.Add(ref counts, cell + c) += Unsafe.Add(ref post, row + c);
                }
            }
        }
    }

    /// <summary>acc[c] = logPrior[c] + Σ over the subject's votes of logPi[volunteer][answer][c].</summary>
    public static void SumLogLikelihoods(VoteSet votes, int subject, double[] logPrior, double[] logPi, Span<double> acc)
    {
        var k = logPrior.Length;
        var offsets = votes.SubjectOffsetArray;
        ref var volunteers = ref MemoryMarshal.GetArrayDataReference(votes.VoteVolunteerArray);
        ref var classes = ref MemoryMarshal.GetArrayDataReference(votes.VoteClassArray);
        ref var pi = ref MemoryMarshal.GetArrayDataReference(logPi);
        var start = offsets[subject];
        var end = offsets[subject + 1];
        if (k == 4 && Vector256.IsHardwareAccelerated)
        {
            var sum = Vector256.Create(logPrior);
            for (var v = start; v < end; v++)
            {
                var cell = (nuint)(((Unsafe.Add(ref volunteers, v) * 4) + Unsafe.Add(ref classes, v)) * 4);
                sum += Vector256.LoadUnsafe(ref pi, cell);
            }

            sum.CopyTo(acc);
            return;
        }

        logPrior.AsSpan().CopyTo(acc);
        for (var v = start; v < end; v++)
        {
            var cell = ((Unsafe.Add(ref volunteers, v) * k) + Unsafe.Add(ref classes, v)) * k;
            for (var c = 0; c < k; c++)
            {
                acc[c] += Unsafe.Add(ref pi, cell + c);
            }
        }
    }
}
