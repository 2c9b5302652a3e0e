using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Eligibility.Engine;

/// <summary>Builds the explanation tree and witness of spec §7 from an <see cref="Evaluation"/>.</summary>
internal static class ExplanationBuilder
{
    private const double UnsatisfiedCap = 0.99;

    public static EligibilityResult Build(Evaluation evaluation, PreparedLearner learner, CredentialId? target, Requirement goal, ImmutableArray<string> warnings, CancellationToken cancellationToken)
    {
        var nodes = evaluation.Rule.Nodes;
        var catalog = learner.Compiled;
        var status = evaluation.Solve(0);
        var inWitness = new bool[nodes.Length];
        var used = new ImmutableArray<ItemUse>[nodes.Length];
        var witness = ImmutableArray.CreateBuilder<WitnessEntry>();
        if (status == EligibilityStatus.Eligible)
        {
            var stack = new Stack<int>();
            stack.Push(0);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                inWitness[n] = true;
                var node = nodes[n];
                if (evaluation.Waived[n])
                {
                    continue;
                }

                if (node.IsConsuming)
                {
                    var cands = node.InShared ? SharedUse(evaluation, n) : evaluation.AssignedTo(n);
                    used[n] = Uses(evaluation, learner, n, cands);
                    if (!node.InShared)
                    {
                        witness.Add(new WitnessEntry(node.Source, node.Path, used[n]));
                    }

                    continue;
                }

                var children = evaluation.WitnessChildren(n);
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }

        // Each node on its own: leaves directly, composites by their own search (witness nodes are satisfied by construction).
        var alone = new EligibilityStatus[nodes.Length];
        alone[0] = status;
        for (var n = nodes.Length - 1; n >= 1; n--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = nodes[n];
            alone[n] = inWitness[n] || evaluation.Waived[n]
                ? EligibilityStatus.Eligible
                : node.IsConsuming || node.Kind == RequirementKind.Skill
                    ? (evaluation.LeafSatisfiedAlone(n) ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible)
                    : evaluation.Solve(n);
        }

        var progress = new double[nodes.Length];
        var built = new ExplanationNode[nodes.Length];
        for (var n = nodes.Length - 1; n >= 0; n--)
        {
            var node = nodes[n];
            var satisfied = alone[n] == EligibilityStatus.Eligible;
            var raw = evaluation.Waived[n] ? 1 : RawProgress(evaluation, n, progress);
            progress[n] = satisfied ? 1 : Math.Min(raw, UnsatisfiedCap);
            var notCounted = satisfied || !node.IsConsuming ? ImmutableArray<HoldingNote>.Empty : NearMisses(catalog, learner, node);
            var children = ImmutableArray.CreateBuilder<ExplanationNode>(node.Children.Length);
            foreach (var child in node.Children)
            {
                children.Add(built[child]);
            }

            if (used[n].IsDefault)
            {
                used[n] = node.Kind == RequirementKind.Skill && satisfied ? ImmutableArray<ItemUse>.Empty : ImmutableArray<ItemUse>.Empty;
            }

            built[n] = new ExplanationNode(
                node.Source,
                node.Path,
                Describe(catalog, node),
                alone[n],
                progress[n],
                evaluation.Waived[n],
                node.InShared,
                inWitness[n],
                satisfied ? null : Missing(evaluation, catalog, n, alone),
                used[n],
                notCounted,
                children.MoveToImmutable());
        }

        return new EligibilityResult(target, goal, learner.Learner.Id, learner.AsOf, status, progress[0], false, built[0], status == EligibilityStatus.Eligible ? witness.ToImmutable() : [], warnings);
    }

    /// <summary>A shared node consumes nothing; its explanation lists the items that satisfy it, most valuable first.</summary>
    private static List<int> SharedUse(Evaluation evaluation, int n)
    {
        var node = evaluation.Rule.Nodes[n];
        var values = evaluation.CandValues[n];
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ToList();
        var result = new List<int>();
        var sum = 0m;
        foreach (var i in order)
        {
            if (node.IsAmount ? sum >= node.Amount : result.Count >= node.Need)
            {
                break;
            }

            result.Add(i);
            sum += values[i];
        }

        return result;
    }

    private static ImmutableArray<ItemUse> Uses(Evaluation evaluation, PreparedLearner learner, int n, IReadOnlyList<int> cands)
    {
        var node = evaluation.Rule.Nodes[n];
        var builder = ImmutableArray.CreateBuilder<ItemUse>(cands.Count);
        foreach (var ci in cands)
        {
            var entry = evaluation.CandEntries[n][ci];
            builder.Add(ToUse(learner, entry, node.IsAmount ? evaluation.CandValues[n][ci] : null));
        }

        return builder.MoveToImmutable();
    }

    private static ItemUse ToUse(PreparedLearner learner, ItemEntry entry, decimal? value)
    {
        var catalog = learner.Compiled;
        var countsAs = catalog.Credentials[entry.As].Id;
        CredentialId held;
        if (entry.Holding >= 0)
        {
            held = learner.Learner.Holdings[entry.Holding].Credential;
        }
        else if (entry.Substitution >= 0)
        {
            held = ((Substitution)learner.Learner.Exceptions[entry.Substitution]).With;
        }
        else
        {
            held = countsAs;
        }

        var score = entry.Holding >= 0 ? entry.Score : null;
        return new ItemUse(held, countsAs, entry.Earned, score, entry.Planned, value);
    }

    private static double RawProgress(Evaluation evaluation, int n, double[] progress)
    {
        var node = evaluation.Rule.Nodes[n];
        if (node.IsConsuming)
        {
            if (node.IsAmount)
            {
                if (node.Amount <= 0)
                {
                    return 1;
                }

                var sum = 0m;
                foreach (var v in evaluation.CandValues[n])
                {
                    sum += v;
                }

                return (double)Math.Min(1m, sum / node.Amount);
            }

            return node.Need <= 0 ? 1 : Math.Min(1.0, evaluation.CandItems[n].Length / (double)node.Need);
        }

        if (node.Kind == RequirementKind.Skill)
        {
            return evaluation.SkillHeld[n] ? 1 : 0;
        }

        if (node.Need <= 0)
        {
            return 1;
        }

        var children = node.Children.Select(c => progress[c]).OrderByDescending(p => p).Take(node.Need).ToList();
        return children.Sum() / node.Need;
    }

    private static ImmutableArray<HoldingNote> NearMisses(CompiledCatalog catalog, PreparedLearner learner, CompiledNode node)
    {
        var notes = ImmutableArray.CreateBuilder<HoldingNote>();
        var asOf = learner.AsOf;
        var cutoff = node.Within is { } within ? within.SubtractFrom(asOf) : DateOnly.MinValue;
        var holdings = learner.Learner.Holdings;
        var asList = new List<int>();
        foreach (var holding in holdings)
        {
            var c = catalog.IndexOf(holding.Credential);
            asList.Clear();
            if (c >= 0)
            {
                asList.Add(c);
            }

            foreach (var (x, y, _) in learner.Items.Substitutions)
            {
                if (y.Equals(holding.Credential))
                {
                    asList.Add(x);
                }
            }

            foreach (var a in asList)
            {
                var matches = node.Kind == RequirementKind.Credential
                    ? node.Class >= 0 && catalog.ClassOf[a] == node.Class
                    : node.Matches![a];
                if (!matches)
                {
                    continue;
                }

                var countsAs = catalog.Credentials[a].Id;
                var expiresAt = holding.ExpiresAt(c >= 0 ? catalog.Credentials[c].ValidFor : null);
                HoldingNote? note = null;
                if (holding.Earned > asOf)
                {
                    note = new HoldingNote(holding, countsAs, HoldingIssue.NotYetEarned, holding.Earned, $"{holding.Credential} is dated {Date(holding.Earned)}, after {Date(asOf)}");
                }
                else if (expiresAt is { } expiry && asOf >= expiry)
                {
                    note = new HoldingNote(holding, countsAs, HoldingIssue.Expired, expiry, $"{holding.Credential} expired on {Date(expiry)}");
                }
                else if (node.MinScore is { } min && holding.Score is null)
                {
                    note = new HoldingNote(holding, countsAs, HoldingIssue.NoScore, null, $"{holding.Credential} has no score; a score of at least {Num(min)} is required");
                }
                else if (node.MinScore is { } min2 && holding.Score < min2)
                {
                    note = new HoldingNote(holding, countsAs, HoldingIssue.BelowMinScore, null, $"{holding.Credential} scored {Num(holding.Score!.Value)}, below the required {Num(min2)}");
                }
                else if (node.Within is { } w && holding.Earned < cutoff)
                {
                    note = new HoldingNote(holding, countsAs, HoldingIssue.TooOld, cutoff, $"{holding.Credential} was earned on {Date(holding.Earned)}, before {Date(cutoff)} (within {w})");
                }

                if (note is not null)
                {
                    notes.Add(note);
                    break;
                }
            }
        }

        return notes.ToImmutable();
    }

    private static string? Missing(Evaluation evaluation, CompiledCatalog catalog, int n, EligibilityStatus[] alone)
    {
        var node = evaluation.Rule.Nodes[n];
        if (alone[n] == EligibilityStatus.Undetermined)
        {
            return "undetermined: the search reached its work limit before proving an answer";
        }

        switch (node.Kind)
        {
            case RequirementKind.Credential:
                var leaf = (CredentialRequirement)node.Source;
                var members = node.Class >= 0 ? catalog.ClassMembers[node.Class].Select(m => catalog.Credentials[m].Id.Value).Where(id => id != leaf.Credential.Value).ToList() : [];
                var equivalents = members.Count == 0 ? string.Empty : $" (or an equivalent: {string.Join(", ", members)})";
                return $"needs {leaf.Credential}{equivalents}{Qualifiers(node)}";
            case RequirementKind.Count:
                var have = evaluation.CandItems[n].Length;
                var more = node.Need - have;
                return more > 0
                    ? $"needs {more} more {(more == 1 ? "item" : "items")} from {Selector(((PoolRequirement)node.Source).From)}{Qualifiers(node)} (has {have} of {node.Need})"
                    : "enough items match, but some are needed by other parts";
            case RequirementKind.Credits:
            case RequirementKind.Hours:
                var sum = evaluation.CandValues[n].Sum();
                var unit = node.IsHours ? "hours" : "credits";
                return sum < node.Amount
                    ? $"needs {Num(node.Amount - sum)} more {Units(node.Amount - sum, unit)} from {Selector(((PoolRequirement)node.Source).From)}{Qualifiers(node)} (has {Num(sum)} of {Num(node.Amount)})"
                    : "enough items match, but some are needed by other parts";
            case RequirementKind.Skill:
                var skill = (SkillRequirement)node.Source;
                return $"needs an item showing skill {skill.Skill} at level {skill.Level} or higher";
            default:
                var satisfiedChildren = node.Children.Count(c => alone[c] == EligibilityStatus.Eligible);
                if (satisfiedChildren >= node.Need)
                {
                    return $"{satisfiedChildren} of {node.Children.Length} parts are satisfied each on its own, but not together: they need the same items, and no item counts twice{JointShortfall(evaluation, n)}";
                }

                return node.Kind switch
                {
                    RequirementKind.AllOf => $"{node.Children.Length - satisfiedChildren} of its {node.Children.Length} required parts {(node.Children.Length - satisfiedChildren == 1 ? "is" : "are")} not satisfied",
                    RequirementKind.AnyOf => $"none of the {node.Children.Length} alternatives is satisfied",
                    _ => $"needs {node.Need - satisfiedChildren} more of its {node.Children.Length} parts ({satisfiedChildren} of the {node.Need} needed {(satisfiedChildren == 1 ? "is" : "are")} satisfied)",
                };
        }
    }

    /// <summary>For a node whose parts compete: how much more the consuming nodes it needs all of ask, together, than the
    /// items they can use can give, per unit ("; together they need at least 3 more credits (12 asked, the 3 items they
    /// can use are worth 9)"), or empty when no unit falls short.</summary>
    /// <remarks>The nodes are those every satisfying choice below <paramref name="n"/> meets: its consuming children
    /// and, through composites that need all their children, theirs (not waived, not shared). Each item serves one of
    /// them at most, at no more than its largest value for any of them, so whatever items are added must bring at least
    /// the difference: a lower bound, given as "at least". (The amounts are not rounded up to the items' common divisor
    /// as the search does: an added item need not share it.)</remarks>
    private static string JointShortfall(Evaluation evaluation, int n)
    {
        var nodes = evaluation.Rule.Nodes;
        if (nodes[n].Need < nodes[n].Children.Length)
        {
            return string.Empty;
        }

        var forced = new List<int>();
        void Collect(int m)
        {
            foreach (var child in nodes[m].Children)
            {
                var c = nodes[child];
                if (evaluation.Waived[child] || c.InShared)
                {
                    continue;
                }

                if (c.IsConsuming)
                {
                    forced.Add(child);
                }
                else if (c.Kind != RequirementKind.Skill && c.Need >= c.Children.Length)
                {
                    Collect(child);
                }
            }
        }

        Collect(n);
        var parts = new List<string>();
        foreach (var (amounts, hours, unit) in new[] { (true, false, "credits"), (true, true, "hours"), (false, false, "items") })
        {
            var asked = 0m;
            var best = new Dictionary<int, decimal>();
            foreach (var m in forced)
            {
                var node = nodes[m];
                if (node.IsAmount != amounts || (amounts && node.IsHours != hours))
                {
                    continue;
                }

                asked += amounts ? node.Amount : node.Need;
                var items = evaluation.CandItems[m];
                for (var i = 0; i < items.Length; i++)
                {
                    var value = amounts ? evaluation.CandValues[m][i] : 1m;
                    best[items[i]] = best.TryGetValue(items[i], out var known) ? Math.Max(known, value) : value;
                }
            }

            var worth = best.Values.Sum();
            if (asked > worth)
            {
                parts.Add(amounts
                    ? $"at least {Num(asked - worth)} more {Units(asked - worth, unit)} ({Num(asked)} asked, {(best.Count == 1 ? "the 1 item they can use is" : $"the {best.Count} items they can use are")} worth {Num(worth)})"
                    : $"at least {Num(asked - worth)} more {Units(asked - worth, unit)} ({Num(asked)} asked, {best.Count} {(best.Count == 1 ? "matches" : "match")})");
            }
        }

        return parts.Count == 0 ? string.Empty : $"; together they need {string.Join(" and ", parts)}";
    }

    /// <summary>A plural unit ("credits", "hours", "items") in the singular for an amount of exactly 1.</summary>
    private static string Units(decimal amount, string plural) => amount == 1m ? plural[..^1] : plural;

    internal static string Describe(CompiledCatalog catalog, CompiledNode node)
    {
        _ = catalog;
        var req = node.Source;
        var text = req switch
        {
            CredentialRequirement c => $"credential {c.Credential}{Qualifiers(node)}",
            AllOfRequirement a => $"all of {a.Children.Length}",
            AnyOfRequirement a => $"any of {a.Children.Length}",
            AtLeastRequirement a => $"at least {a.Count} of {a.Children.Length}",
            CountRequirement c => $"{c.Count} {(c.Count == 1 ? "item" : "items")} from {Selector(c.From)}{Qualifiers(node)}",
            CreditsRequirement c => $"{Num(c.Credits)} credits from {Selector(c.From)}{Qualifiers(node)}",
            HoursRequirement h => $"{Num(h.Hours)} hours from {Selector(h.From)}{Qualifiers(node)}",
            SkillRequirement s => $"skill {s.Skill} at level {s.Level} or higher",
            _ => req.Kind.ToString(),
        };
        return req.Title is { } title ? $"{title}: {text}" : text;
    }

    internal static string Selector(Selector selector)
    {
        var parts = new List<string>();
        if (selector.Any)
        {
            parts.Add("any credential");
        }

        if (!selector.Ids.IsEmpty)
        {
            parts.Add("one of " + string.Join(", ", selector.Ids));
        }

        if (selector.Tag is { } tag)
        {
            parts.Add($"tag {tag}");
        }

        if (selector.Kind is { } kind)
        {
            parts.Add($"kind {kind}");
        }

        if (selector.Issuer is { } issuer)
        {
            parts.Add($"issuer {issuer}");
        }

        if (selector.MinLevel is { } level)
        {
            parts.Add($"level {level} or higher");
        }

        if (selector.Skill is { } skill)
        {
            parts.Add($"skill {skill}");
        }

        if (!selector.Except.IsEmpty)
        {
            parts.Add("except " + string.Join(", ", selector.Except));
        }

        return parts.Count == 0 ? "nothing (empty selector)" : string.Join(", ", parts);
    }

    private static string Qualifiers(CompiledNode node)
    {
        var builder = new StringBuilder();
        if (node.MinScore is { } min)
        {
            builder.Append(" with score at least ").Append(Num(min));
        }

        if (node.Within is { } within)
        {
            builder.Append(" earned within ").Append(within);
        }

        return builder.ToString();
    }

    internal static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
