using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>One evaluation of one compiled rule for one learner at T: the candidates of every node, then the exact search.</summary>
/// <remarks>Not thread-safe; made per call. Candidates: for every consuming node, the distinct items that match it
/// with their value (credits or hours, the largest among the matching entries) and the entry that gives it.</remarks>
internal sealed partial class Evaluation
{
    private readonly CompiledCatalog _catalog;
    private readonly LearnerItems _items;
    private readonly PlannedSet? _planned;
    private readonly DateOnly _asOf;
    private readonly Dictionary<int, int> _position = [];
    private readonly bool _complete;
    private readonly bool _stopEarly;
    private bool _stop;
    private decimal _running;

    // complete: collect every candidate even where fewer decide the answer (explanations show them all).
    // waiveWhole: a waiver of the whole requirement, which waives its root node (the explanation's root then says so).
    public Evaluation(CompiledCatalog catalog, CompiledRule rule, LearnerItems items, DateOnly asOf, PlannedSet? planned, IReadOnlySet<string>? waivedNodes, long workLimit, bool complete = false, bool waiveWhole = false)
    {
        _complete = complete;
        _catalog = catalog;
        Rule = rule;
        _items = items;
        _asOf = asOf;
        _planned = planned;
        _workLimit = workLimit;
        var nodes = rule.Nodes;
        Waived = new bool[nodes.Length];
        Waived[0] = waiveWhole;
        if (waivedNodes is not null)
        {
            foreach (var id in waivedNodes)
            {
                if (rule.NodesById.TryGetValue(id, out var waived))
                {
                    foreach (var n in waived)
                    {
                        Waived[n] = true;
                    }
                }
            }
        }

        CandItems = new int[nodes.Length][];
        CandValues = new decimal[nodes.Length][];
        CandEntries = new ItemEntry[nodes.Length][];
        SkillHeld = new bool[nodes.Length];
        var items_ = new List<int>();
        var values = new List<decimal>();
        var entries = new List<ItemEntry>();
        for (var n = 0; n < nodes.Length; n++)
        {
            var node = nodes[n];
            if (node.IsConsuming)
            {
                items_.Clear();
                values.Clear();
                entries.Clear();
                _position.Clear();

                // A shared node consumes nothing, so its answer is "enough distinct matching items": once it has them,
                // the rest of a large pool ("30 credits of anything") need not be collected.
                _stopEarly = !_complete && node.InShared;
                _stop = false;
                _running = 0;
                Collect(node, items_, values, entries);
                CandItems[n] = [.. items_];
                CandValues[n] = [.. values];
                CandEntries[n] = [.. entries];
            }
            else if (node.Kind == RequirementKind.Skill)
            {
                SkillHeld[n] = AnyShowsSkill(node);
            }
        }
    }

    public CompiledRule Rule { get; }

    public bool[] Waived { get; }

    /// <summary>Gets the item keys matching each consuming node (null for other nodes).</summary>
    public int[][] CandItems { get; }

    public decimal[][] CandValues { get; }

    public ItemEntry[][] CandEntries { get; }

    /// <summary>Gets, for skill nodes, whether some valid item shows the skill at the level.</summary>
    public bool[] SkillHeld { get; }

    public Credential CredentialAt(int index) => _catalog.Credentials[index];

    private static bool Qualifies(in ItemEntry entry, CompiledNode node, DateOnly cutoff) =>
        entry.Planned
        || ((node.MinScore is not { } min || (entry.Score is { } score && score >= min))
            && (node.Within is null || entry.Earned >= cutoff));

    private void Collect(CompiledNode node, List<int> items, List<decimal> values, List<ItemEntry> entries)
    {
        var cutoff = node.Within is { } within ? within.SubtractFrom(_asOf) : DateOnly.MinValue;
        if (node.Kind == RequirementKind.Credential)
        {
            if (node.Class < 0)
            {
                return;
            }

            foreach (var member in _catalog.ClassMembers[node.Class])
            {
                if (_items.EntriesByAs.TryGetValue(member, out var list))
                {
                    foreach (var e in list)
                    {
                        Consider(node, _items.Entries[e], cutoff, items, values, entries);
                        if (_stop)
                        {
                            return;
                        }
                    }
                }

                if (_planned is not null && _planned.Contains(member))
                {
                    Consider(node, new ItemEntry(node.Class, member, _asOf, null, true, -1, -1), cutoff, items, values, entries);
                }
            }

            if (_planned is not null)
            {
                foreach (var (x, y, index) in _items.Substitutions)
                {
                    if (_catalog.ClassOf[x] == node.Class && PlannedIndex(y) is var yi and >= 0)
                    {
                        Consider(node, new ItemEntry(_catalog.ClassOf[yi], x, _asOf, null, true, -1, index), cutoff, items, values, entries);
                    }
                }
            }

            return;
        }

        var matches = node.Matches!;
        var matchList = node.MatchList!;
        if (matchList.Length < _items.Entries.Length)
        {
            foreach (var member in matchList)
            {
                if (_items.EntriesByAs.TryGetValue(member, out var list))
                {
                    foreach (var e in list)
                    {
                        Consider(node, _items.Entries[e], cutoff, items, values, entries);
                        if (_stop)
                        {
                            return;
                        }
                    }
                }
            }
        }
        else
        {
            foreach (var entry in _items.Entries)
            {
                if (matches[entry.As])
                {
                    Consider(node, entry, cutoff, items, values, entries);
                    if (_stop)
                    {
                        return;
                    }
                }
            }
        }

        if (_planned is null)
        {
            return;
        }

        if (matchList.Length <= _planned.Count)
        {
            foreach (var member in matchList)
            {
                if (_planned.Contains(member))
                {
                    Consider(node, new ItemEntry(_catalog.ClassOf[member], member, _asOf, null, true, -1, -1), cutoff, items, values, entries);
                    if (_stop)
                    {
                        return;
                    }
                }
            }
        }
        else
        {
            var bits = _planned.Bits;
            for (var w = 0; w < bits.Length; w++)
            {
                for (var word = bits[w]; word != 0; word &= word - 1)
                {
                    var member = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    if (!matches[member])
                    {
                        continue;
                    }

                    Consider(node, new ItemEntry(_catalog.ClassOf[member], member, _asOf, null, true, -1, -1), cutoff, items, values, entries);
                    if (_stop)
                    {
                        return;
                    }
                }
            }
        }

        foreach (var (x, y, index) in _items.Substitutions)
        {
            if (matches[x] && PlannedIndex(y) is var yi and >= 0)
            {
                Consider(node, new ItemEntry(_catalog.ClassOf[yi], x, _asOf, null, true, -1, index), cutoff, items, values, entries);
            }
        }
    }

    private int PlannedIndex(CredentialId id) => _catalog.IndexOf(id) is var i && _planned!.Contains(i) ? i : -1;

    private void Consider(CompiledNode node, in ItemEntry entry, DateOnly cutoff, List<int> items, List<decimal> values, List<ItemEntry> entries)
    {
        if (!Qualifies(entry, node, cutoff))
        {
            return;
        }

        var value = 1m;
        if (node.IsAmount)
        {
            var credential = _catalog.Credentials[entry.As];
            value = node.IsHours ? credential.Hours : credential.Credits;

            // An item worth nothing never helps a credits or hours node (a faulty catalog may even hold negatives).
            if (value <= 0)
            {
                return;
            }
        }

        if (_position.TryGetValue(entry.Item, out var p))
        {
            if (value > values[p])
            {
                _running += value - values[p];
                values[p] = value;
                entries[p] = entry;
            }
        }
        else
        {
            _position[entry.Item] = items.Count;
            items.Add(entry.Item);
            values.Add(value);
            entries.Add(entry);
            _running += value;
        }

        if (_stopEarly)
        {
            _stop = node.IsAmount ? _running >= node.Amount : items.Count >= node.Need;
        }
    }

    private bool AnyShowsSkill(CompiledNode node)
    {
        var shows = node.Matches!;
        foreach (var entry in _items.Entries)
        {
            if (shows[entry.As])
            {
                return true;
            }
        }

        if (_planned is null)
        {
            return false;
        }

        foreach (var member in node.MatchList!)
        {
            if (_planned.Contains(member))
            {
                return true;
            }
        }

        foreach (var (x, y, _) in _items.Substitutions)
        {
            if (shows[x] && PlannedIndex(y) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Node-local answers the explanation needs.</summary>
internal sealed partial class Evaluation
{
    /// <summary>Gets whether a consuming or skill node is satisfied on its own, consuming nothing else.</summary>
    public bool LeafSatisfiedAlone(int n)
    {
        var node = Rule.Nodes[n];
        if (Waived[n])
        {
            return true;
        }

        if (node.Kind == RequirementKind.Skill)
        {
            return SkillHeld[n];
        }

        return (node.IsAmount ? node.Amount <= 0 : node.Need <= 0) || AloneFeasible(n);
    }
}
