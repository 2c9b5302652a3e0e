namespace Stacking.Tests.Generators;

/// <summary>Reads a genome's values as choices: from <c>offset</c>, every <c>stride</c>-th value (several readers with
/// the same stride and different offsets interleave, so that every part of a case gets values whatever the length).</summary>
/// <param name="genome">The genome.</param>
/// <param name="offset">The first position read.</param>
/// <param name="stride">How far each read moves.</param>
public sealed class GenomeReader(int[] genome, int offset = 0, int stride = 1)
{
    private int _position = offset;

    /// <summary>The next choice among <paramref name="choices"/> (0 when the genome has run out).</summary>
    public int Next(int choices)
    {
        var value = _position < genome.Length ? genome[_position] : 0;
        _position += stride;
        return choices <= 1 ? 0 : (int)((uint)value % (uint)choices);
    }
}
