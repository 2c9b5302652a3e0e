using System.Numerics;
using Stacking.Model;

namespace Stacking.Eligibility.Engine;

/// <summary>A learner at T in the compiled form the fast path reads: valid holdings as a bitset over credential numbers,
/// and each held credential's holdings (date, score) for the qualifiers.</summary>
/// <remarks>
/// <para>Filled once per prepared learner (then never changed: shared read-only by every thread), or refilled per
/// learner in a batch from a thread's own instance, reusing its arrays so that the batch allocates nothing per learner
/// once the arrays are large enough.</para>
/// <para>What the fast path cannot read here it does not try: a learner with a substitution (an item that counts as
/// another credential) or a node waiver is left to the general engine (<see cref="Simple"/> is false), and so are
/// holdings of ids the catalog lacks only in that they match nothing without a substitution.</para>
/// </remarks>
internal sealed class LearnerBits
{
    private ulong[] _held = [];
    private int[] _wordRank = [0];
    private int[] _start = [0];
    private Hold[] _holds = [];
    private int[] _sortKeys = [];
    private int _heldCount;
    private readonly List<(int X, CredentialId Y)> _transfers = [];

    /// <summary>Gets a value indicating whether the learner has no substitution and no node waiver: only then may the fast path answer.</summary>
    public bool Simple { get; private set; }

    /// <summary>Gets the as-of date the bits were filled for.</summary>
    public DateOnly AsOf { get; private set; }

    /// <summary>Gets the valid holdings at T: bit <c>i</c> is set when the credential numbered <c>i</c> is validly held.</summary>
    public ReadOnlySpan<ulong> Held => _held;

    /// <summary>Makes the bits of a prepared learner from its items (every valid holding of a catalog credential).</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="items">The learner's items.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="held">The array to fill with the held bits: zeros, of the catalog's words.</param>
    public static LearnerBits From(CompiledCatalog catalog, LearnerItems items, DateOnly asOf, ulong[] held)
    {
        var bits = new LearnerBits { _held = held, _wordRank = new int[held.Length + 1] };
        bits.Reset(catalog, asOf, items.Entries.Length);
        var simple = items.Substitutions.Length == 0 && items.NodeWaivers.Count == 0;
        foreach (var entry in items.Entries)
        {
            if (entry.Substitution < 0 && !entry.Planned)
            {
                bits.Add(entry.As, entry.Earned, entry.Score);
            }
        }

        bits.Finish(simple);
        return bits;
    }

    /// <summary>Refills from a learner record without preparing it, for any rule; <see cref="Simple"/> is false when the
    /// learner has exceptions (then refill for the rule at hand).</summary>
    public void Fill(CompiledCatalog catalog, LearnerRecord learner, DateOnly asOf)
    {
        AddHoldings(catalog, learner, asOf);
        Finish(learner.Exceptions.IsEmpty);
    }

    /// <summary>Refills from a learner record without preparing it, for checking one rule; <see cref="Simple"/> says
    /// whether these bits answer for that rule exactly.</summary>
    /// <remarks>
    /// <para>The learner's exceptions are read for the rule at hand (an LMS records transfer credit and waivers
    /// routinely, and most of them concern other credentials): a waiver of another credential, and a substitution of a
    /// credential the rule cannot use (<see cref="CompiledRule.Reaches"/>), change nothing here. A transfer credit (a
    /// substitution "Y in place of X" with Y outside the catalog) for a credential the rule can use is one item that
    /// counts only as X, with Y's dates and scores and Y's own validity (spec §5): the bits hold it as X's holdings,
    /// which is exact when it is the only item of X's class (the fast path's items are classes) and Y replaces no other
    /// credential the rule can use. Anything else (a waiver of the target, a substitution by a catalog credential the
    /// rule can use, two items of one class) leaves <see cref="Simple"/> false, for the general engine.</para>
    /// </remarks>
    public void Fill(CompiledCatalog catalog, LearnerRecord learner, DateOnly asOf, CompiledRule rule, CredentialId target)
    {
        AddHoldings(catalog, learner, asOf);
        Finish(learner.Exceptions.IsEmpty || FoldExceptions(catalog, learner, asOf, rule, target));
    }

    private void AddHoldings(CompiledCatalog catalog, LearnerRecord learner, DateOnly asOf)
    {
        Reset(catalog, asOf, learner.Holdings.Length);
        foreach (var holding in learner.Holdings)
        {
            var c = catalog.IndexOf(holding.Credential);
            if (c >= 0 && holding.IsValidAt(asOf, catalog.Credentials[c].ValidFor))
            {
                Add(c, holding.Earned, holding.Score);
            }
        }
    }

    /// <summary>Adds the learner's transfer credits the rule can use as holdings of the credentials they replace; false
    /// when an exception can change the answer in a way the bits cannot hold (see <see cref="Fill(CompiledCatalog, LearnerRecord, DateOnly, CompiledRule, CredentialId)"/>).</summary>
    private bool FoldExceptions(CompiledCatalog catalog, LearnerRecord learner, DateOnly asOf, CompiledRule rule, CredentialId target)
    {
        // The instance's own list (a thread's buffer), so that a learner with transfer credit allocates nothing either.
        var transfers = _transfers;
        transfers.Clear();
        foreach (var exception in learner.Exceptions)
        {
            switch (exception)
            {
                case Waiver waiver when waiver.Credential.Equals(target):
                    return false;
                case Substitution substitution when catalog.IndexOf(substitution.Substitute) is var x and >= 0 && rule.Reaches(x):
                    if (catalog.IndexOf(substitution.With) >= 0)
                    {
                        return false;
                    }

                    foreach (var (otherX, otherY) in transfers)
                    {
                        // One item counting as either of two usable credentials, or two items of one class: a choice or a
                        // count the bits cannot hold.
                        if (otherY.Equals(substitution.With) || catalog.ClassOf[otherX] == catalog.ClassOf[x])
                        {
                            return false;
                        }
                    }

                    foreach (var member in catalog.ClassMembers[catalog.ClassOf[x]])
                    {
                        if ((_held[member >> 6] & (1UL << (member & 63))) != 0)
                        {
                            return false;
                        }
                    }

                    transfers.Add((x, substitution.With));
                    break;
            }
        }


        foreach (var (x, y) in transfers)
        {
            foreach (var holding in learner.Holdings)
            {
                if (holding.Credential.Equals(y) && holding.IsValidAt(asOf, null))
                {
                    Add(x, holding.Earned, holding.Score);
                }
            }
        }

        return true;
    }

    /// <summary>Gets whether some valid holding of a held credential meets the qualifiers (a null bound is no bound).</summary>
    public bool Qualifies(int credential, decimal? minScore, DateOnly cutoff)
    {
        var w = credential >> 6;
        var rank = _wordRank[w] + BitOperations.PopCount(_held[w] & ((1UL << (credential & 63)) - 1));
        for (var h = _start[rank]; h < _start[rank + 1]; h++)
        {
            if ((minScore is not { } min || (_holds[h].Score is { } score && score >= min)) && _holds[h].Earned >= cutoff)
            {
                return true;
            }
        }

        return false;
    }

    private void Reset(CompiledCatalog catalog, DateOnly asOf, int holdings)
    {
        AsOf = asOf;
        var words = PlannedSet.WordsFor(catalog.Credentials.Length);
        if (_held.Length != words)
        {
            _held = new ulong[words];
            _wordRank = new int[words + 1];
        }
        else
        {
            Array.Clear(_held);
        }

        if (_holds.Length < holdings)
        {
            var size = Math.Max(holdings, 2 * _holds.Length);
            _holds = new Hold[size];
            _sortKeys = new int[size];
            _start = new int[size + 1];
        }

        _heldCount = 0;
    }

    private void Add(int credential, DateOnly earned, decimal? score)
    {
        _held[credential >> 6] |= 1UL << (credential & 63);
        _sortKeys[_heldCount] = credential;
        _holds[_heldCount] = new Hold(earned, score);
        _heldCount++;
    }

    private void Finish(bool simple)
    {
        Simple = simple;

        // Holdings ordered by credential (any order among one credential's holdings will do), then the start of each
        // held credential's run, found from a credential by its rank among the held bits.
        var n = _heldCount;
        Array.Sort(_sortKeys, _holds, 0, n);
        var runs = 0;
        for (var i = 0; i < n; i++)
        {
            if (i == 0 || _sortKeys[i] != _sortKeys[i - 1])
            {
                _start[runs++] = i;
            }
        }

        _start[runs] = n;
        var rank = 0;
        for (var w = 0; w < _held.Length; w++)
        {
            _wordRank[w] = rank;
            rank += BitOperations.PopCount(_held[w]);
        }

        _wordRank[_held.Length] = rank;
    }

    private readonly record struct Hold(DateOnly Earned, decimal? Score);
}
