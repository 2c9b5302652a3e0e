using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;

namespace Stacking.Tests.Eligibility;

/// <summary>Helpers for the eligibility laws: evaluate a case, reorder a case, match a selector.</summary>
internal static class CaseTools
{
    /// <summary>Whether a selector by ids, tag, kind, level and except picks the credential, for generated catalogs
    /// without equivalences (the brute-force reference matches by equivalence class; these checks need not).</summary>
    public static bool Selects(Selector s, Credential c) =>
        (s.Ids.IsEmpty || s.Ids.Contains(c.Id))
        && (s.Tag is not { } tag || c.HasTag(tag))
        && (s.Kind is not { } kind || c.Kind == kind)
        && (s.MinLevel is not { } level || c.Level >= level)
        && !s.Except.Contains(c.Id);

    public static EligibilityStatus Check(Catalog catalog, LearnerRecord learner, IReadOnlyCollection<CredentialId>? planned = null)
    {
        var evaluator = new EligibilityEvaluator(catalog);
        return evaluator.Check(EligibilityCase.Target, evaluator.Prepare(learner, EligibilityCase.AsOf), planned);
    }

    public static bool Eligible(Catalog catalog, LearnerRecord learner, IReadOnlyCollection<CredentialId>? planned = null)
    {
        var status = Check(catalog, learner, planned);
        Assert.NotEqual(EligibilityStatus.Undetermined, status);
        return status == EligibilityStatus.Eligible;
    }

    /// <summary>The same case with credentials, holdings, exceptions and the children of every composite in another order.</summary>
    public static (Catalog Catalog, LearnerRecord Learner) Shuffled(Catalog catalog, LearnerRecord learner, int seed)
    {
        var random = new Random(seed);
        var credentials = catalog.Credentials
            .Select(c => c.Requires is null ? c : c with { Requires = Reorder(c.Requires, random) })
            .OrderBy(_ => random.Next())
            .ToList();
        var shuffledLearner = learner with
        {
            Holdings = [.. learner.Holdings.OrderBy(_ => random.Next())],
            Exceptions = [.. learner.Exceptions.OrderBy(_ => random.Next())],
        };
        return (new Catalog(credentials, catalog.Name), shuffledLearner);
    }

    public static Requirement Reorder(Requirement node, Random random)
    {
        if (node is not CompositeRequirement composite)
        {
            return node;
        }

        var children = composite.Children.Select(c => Reorder(c, random)).OrderBy(_ => random.Next()).ToArray();
        Requirement rebuilt = composite switch
        {
            AllOfRequirement => new AllOfRequirement(children),
            AnyOfRequirement => new AnyOfRequirement(children),
            AtLeastRequirement a => new AtLeastRequirement(a.Count, children),
            _ => throw new InvalidOperationException(),
        };
        return rebuilt with { Id = node.Id, Title = node.Title, Shared = node.Shared };
    }

    public static IEnumerable<ExplanationNode> Flatten(ExplanationNode node) =>
        new[] { node }.Concat(node.Children.SelectMany(Flatten));
}
