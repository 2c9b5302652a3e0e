namespace Stacking.Planning;

/// <summary>A landmark cut: every plan completing the node hits sets of <paramref name="Sets"/> (takes a member of each)
/// whose <paramref name="Units"/> sum to at least <paramref name="Need"/>; worth Need × <paramref name="Cost"/> (scaled),
/// having lowered each member's cost by Cost × the units of the sets that contain it. <paramref name="Masks"/> are the
/// sets as bitset words (whether a chosen set hits one is a few word operations).</summary>
/// <remarks>A plain cut is one set, one unit, need 1; a threshold cut (<c>LandmarkCut.ThresholdCut</c>) has a set per
/// child of a pool.</remarks>
internal sealed record Cut(int[][] Sets, ulong[][] Masks, long[] Units, long Need, long Cost)
{
    /// <summary>This cut for a descendant search node that has also chosen <paramref name="chosen"/>, or null when it is
    /// worth nothing there.</summary>
    /// <remarks>The sets a chosen credential hits are dropped and their units taken from the need: every completion P
    /// hits sets worth Need in all, the chosen ones (in P) hit exactly the dropped ones, so P∖chosen hits the kept ones
    /// for at least the rest; the kept members' lowered costs stay lowered (each unit at least as large as the new need
    /// asks), the dropped sets' are given back.</remarks>
    public Cut? Keep(BitSet chosen)
    {
        // Allocates only for a threshold cut that loses some sets but not its worth.
        var hitUnits = 0L;
        var hits = 0;
        for (var i = 0; i < Sets.Length; i++)
        {
            if (Hits(Masks[i], chosen))
            {
                hitUnits += Units[i];
                hits++;
            }
        }

        if (hits == 0)
        {
            return this;
        }

        if (hitUnits >= Need)
        {
            return null;
        }

        var sets = new int[Sets.Length - hits][];
        var masks = new ulong[sets.Length][];
        var units = new long[sets.Length];
        var kept = 0;
        for (var i = 0; i < Sets.Length; i++)
        {
            if (!Hits(Masks[i], chosen))
            {
                sets[kept] = Sets[i];
                masks[kept] = Masks[i];
                units[kept++] = Units[i];
            }
        }

        return new Cut(sets, masks, units, Need - hitUnits, Cost);
    }

    /// <summary>Whether <paramref name="chosen"/> has a member of the set whose words are <paramref name="mask"/>.</summary>
    public static bool Hits(ulong[] mask, BitSet chosen)
    {
        var words = chosen.Words;
        for (var k = 0; k < mask.Length; k++)
        {
            if ((mask[k] & words[k]) != 0UL)
            {
                return true;
            }
        }

        return false;
    }
}
