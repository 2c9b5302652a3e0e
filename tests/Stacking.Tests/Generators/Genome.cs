using FsCheck;
using FsCheck.Fluent;

namespace Stacking.Tests.Generators;

/// <summary>
/// Cases decoded from a genome of small integers: every choice a decoder makes reads the next value, a missing value
/// reads as 0, and 0 is always the simplest choice. So FsCheck shrinks a case by shrinking its genome: dropping values
/// and lowering them both make the case simpler, whatever the case's shape.
/// </summary>
public static class Genome
{
    /// <summary>The largest genome value; decoders reduce a value modulo the number of choices.</summary>
    public const int MaxValue = 23;

    /// <summary>An arbitrary of cases decoded from genomes of up to <paramref name="maxLength"/> values, shrinking by genome.</summary>
    /// <param name="maxLength">The longest genome (FsCheck's size adds up to 90 values when <paramref name="growWithSize"/>).</param>
    /// <param name="decode">Builds a case from a genome.</param>
    /// <param name="genomeOf">The genome a case was built from.</param>
    /// <param name="growWithSize">Whether longer genomes come with FsCheck's size.</param>
    public static Arbitrary<T> Arbitrary<T>(int maxLength, Func<int[], T> decode, Func<T, int[]> genomeOf, bool growWithSize = false) =>
        Arb.From(
            Gen.Sized(size => Gen.Choose(0, maxLength + (growWithSize ? Math.Min(size, 90) : 0)))
                .SelectMany(length => Gen.ArrayOf(Gen.Choose(0, MaxValue), length))
                .Select(decode),
            c => Shrink(genomeOf(c)).Select(decode));

    /// <summary>Shorter genomes first (drop the tail, drop one value), then smaller values.</summary>
    public static IEnumerable<int[]> Shrink(int[] genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        if (genome.Length > 0)
        {
            yield return genome[..(genome.Length / 2)];
        }

        for (var i = genome.Length - 1; i >= 0; i--)
        {
            yield return [.. genome[..i], .. genome[(i + 1)..]];
        }

        for (var i = 0; i < genome.Length; i++)
        {
            if (genome[i] > 0)
            {
                var copy = (int[])genome.Clone();
                copy[i] = 0;
                yield return copy;
                if (genome[i] > 1)
                {
                    copy = (int[])genome.Clone();
                    copy[i] = genome[i] / 2;
                    yield return copy;
                }
            }
        }
    }
}
