using System.Globalization;
using System.Text;
using RulesEngine.Models;
using ReRule = RulesEngine.Models.Rule;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Benchmarks.Peers;

/// <summary>
/// Microsoft RulesEngine 6 as an LMS would use it: each qualification becomes one lambda-expression rule over the
/// learner's valid items (counts and sums with LINQ), evaluated per learner.
/// </summary>
/// <remarks>
/// The encoding counts every matching item at every node: it has no allocation (§6). Where no credential can serve
/// two consuming nodes (disjoint pools) that is the same question; where pools overlap an item counts twice and the
/// answers can differ, which <see cref="Suites.PeersRunner"/> reports.
/// </remarks>
public sealed class RulesEngineEncoding
{
    private const string WorkflowName = "stacking";
    private readonly global::RulesEngine.RulesEngine _engine;
    private readonly Catalog _catalog;

    public RulesEngineEncoding(Catalog catalog, IEnumerable<CredentialId> qualifications)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(qualifications);
        _catalog = catalog;
        var rules = qualifications
            .Select(q => new ReRule
            {
                RuleName = q.Value,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
                Expression = Encode(catalog[q].Requires ?? throw new ArgumentException($"'{q}' has no requirement.", nameof(qualifications))),
            })
            .ToList();
        RuleNames = [.. rules.Select(r => r.RuleName)];
        Expressions = [.. rules.Select(r => r.Expression)];
        var workflow = new Workflow { WorkflowName = WorkflowName, Rules = rules };
        _engine = new global::RulesEngine.RulesEngine([workflow], new ReSettings { IgnoreException = false });
    }

    /// <summary>The rule names, one per qualification, in the order given.</summary>
    public IReadOnlyList<string> RuleNames { get; }

    /// <summary>The lambda expressions, for the report.</summary>
    public IReadOnlyList<string> Expressions { get; }

    /// <summary>Builds the facts of one learner: its holdings valid at T, with the catalog's credits and hours.</summary>
    public RulesEngineFacts Facts(LearnerRecord learner, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var items = new List<RulesEngineItem>();
        foreach (var h in learner.Holdings)
        {
            var credential = _catalog.Find(h.Credential);
            if (credential is not null && h.IsValidAt(asOf, credential.ValidFor))
            {
                items.Add(new RulesEngineItem(h.Credential.Value, credential.Credits, credential.Hours, h.Score ?? -1));
            }
        }

        return new RulesEngineFacts(items);
    }

    /// <summary>Runs every rule of the workflow for one learner; the answer of the first rule.</summary>
    public bool IsEligible(RulesEngineFacts facts)
    {
        var results = _engine.ExecuteAllRulesAsync(WorkflowName, new RuleParameter("input1", facts)).AsTask().GetAwaiter().GetResult();
        return results[0].IsSuccess;
    }

    /// <summary>Runs every rule of the workflow for one learner; how many rules succeed.</summary>
    public int CountEligible(RulesEngineFacts facts)
    {
        var results = _engine.ExecuteAllRulesAsync(WorkflowName, new RuleParameter("input1", facts)).AsTask().GetAwaiter().GetResult();
        var n = 0;
        foreach (var r in results)
        {
            if (r.IsSuccess)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Runs every rule of the workflow for one learner; the success of each rule by name.</summary>
    public Dictionary<string, bool> Answers(RulesEngineFacts facts)
    {
        var results = _engine.ExecuteAllRulesAsync(WorkflowName, new RuleParameter("input1", facts)).AsTask().GetAwaiter().GetResult();
        return results.ToDictionary(r => r.Rule.RuleName, r => r.IsSuccess, StringComparer.Ordinal);
    }

    /// <summary>True when the requirement uses only what this encoding can express.</summary>
    public static bool CanEncode(Requirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        return requirement.DescendantsAndSelf().All(n => n switch
        {
            CredentialRequirement c => c.Within is null,
            PoolRequirement p => p.Within is null && p.From is { Tag: null, Kind: null, Issuer: null, MinLevel: null, Skill: null, Any: false } && p.From.Except.IsEmpty && !p.From.Ids.IsEmpty,
            CompositeRequirement => true,
            _ => false,
        });
    }

    /// <summary>The lambda expression of one requirement tree (Dynamic LINQ syntax, <c>input1</c> = the facts).</summary>
    public static string Encode(Requirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var sb = new StringBuilder();
        Write(sb, requirement);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Requirement node)
    {
        switch (node)
        {
            case CredentialRequirement c:
                sb.Append("input1.Items.Any(i => i.Id == ").Append(Quote(c.Credential.Value));
                AppendScore(sb, c.MinScore);
                sb.Append(')');
                break;
            case AllOfRequirement all:
                Join(sb, all.Children, " && ");
                break;
            case AnyOfRequirement any:
                Join(sb, any.Children, " || ");
                break;
            case AtLeastRequirement atLeast:
                sb.Append('(');
                for (var i = 0; i < atLeast.Children.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(" + ");
                    }

                    sb.Append("iif(");
                    Write(sb, atLeast.Children[i]);
                    sb.Append(", 1, 0)");
                }

                sb.Append(") >= ").Append(atLeast.Count.ToString(CultureInfo.InvariantCulture));
                break;
            case CountRequirement count:
                sb.Append("input1.Items.Count(i => ");
                Membership(sb, count);
                sb.Append(") >= ").Append(count.Count.ToString(CultureInfo.InvariantCulture));
                break;
            case CreditsRequirement creditsNode:
                sb.Append("input1.Items.Where(i => ");
                Membership(sb, creditsNode);
                sb.Append(").Sum(i => i.Credits) >= ").Append(creditsNode.Credits.ToString(CultureInfo.InvariantCulture));
                break;
            case HoursRequirement hoursNode:
                sb.Append("input1.Items.Where(i => ");
                Membership(sb, hoursNode);
                sb.Append(").Sum(i => i.Hours) >= ").Append(hoursNode.Hours.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"RulesEngine encoding has no form for a {node.Kind} node.");
        }
    }

    private static void Membership(StringBuilder sb, PoolRequirement pool)
    {
        sb.Append('(');
        for (var i = 0; i < pool.From.Ids.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" || ");
            }

            sb.Append("i.Id == ").Append(Quote(pool.From.Ids[i].Value));
        }

        sb.Append(')');
        AppendScore(sb, pool.MinScore);
    }

    private static void AppendScore(StringBuilder sb, decimal? minScore)
    {
        if (minScore is { } s)
        {
            sb.Append(" && i.Score >= ").Append(s.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Join(StringBuilder sb, IReadOnlyList<Requirement> children, string op)
    {
        sb.Append('(');
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(op);
            }

            sb.Append('(');
            Write(sb, children[i]);
            sb.Append(')');
        }

        sb.Append(')');
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
