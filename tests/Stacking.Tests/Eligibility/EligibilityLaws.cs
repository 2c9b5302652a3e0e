using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Reference;

namespace Stacking.Tests.Eligibility;

/// <summary>The laws of spec §5–§7 over small generated catalogs and learners, checked against the brute-force reference.</summary>
[Properties(Arbitrary = [typeof(EligibilityArbitraries)], MaxTest = 200)]
public sealed class EligibilityLaws
{
    [Property(MaxTest = 400)]
    public bool TheEngineAgreesWithTheBruteForceReference(EligibilityCase c)
    {
        var expected = ReferenceEligibility.IsEligible(c.Catalog, EligibilityCase.Target, c.Learner, EligibilityCase.AsOf);
        var expectedPlanned = ReferenceEligibility.IsEligible(c.Catalog, EligibilityCase.Target, c.Learner, EligibilityCase.AsOf, c.Planned);
        return CaseTools.Eligible(c.Catalog, c.Learner) == expected
            && CaseTools.Eligible(c.Catalog, c.Learner, c.Planned) == expectedPlanned;
    }

    [Property(MaxTest = 400)]
    public bool TheLinearRelaxationOnlyEverRefutesLearnersWhoAreNotEligible(EligibilityCase c)
    {
        // A work limit of one step sends every case the search does not decide at once to the relaxation.
        var evaluator = new EligibilityEvaluator(c.Catalog, new EligibilityOptions { WorkLimit = 1 });
        var status = evaluator.CheckGeneral(evaluator.IndexOf(EligibilityCase.Target), evaluator.Prepare(c.Learner, EligibilityCase.AsOf), out _);
        return status == EligibilityStatus.Undetermined
            || (status == EligibilityStatus.Eligible) == ReferenceEligibility.IsEligible(c.Catalog, EligibilityCase.Target, c.Learner, EligibilityCase.AsOf);
    }

    [Property]
    public bool AGoalCheckAgreesWithTheBruteForceReference(EligibilityCase c)
    {
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var status = evaluator.CheckGoal(c.Requirement, evaluator.Prepare(c.Learner, EligibilityCase.AsOf), c.Planned);
        return (status == EligibilityStatus.Eligible)
            == ReferenceEligibility.IsSatisfied(c.Catalog, c.Requirement, c.Learner, EligibilityCase.AsOf, c.Planned);
    }

    [Property]
    public bool EvaluateAndCheckGiveTheSameAnswer(EligibilityCase c)
    {
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var result = evaluator.Evaluate(EligibilityCase.Target, c.Learner, EligibilityCase.AsOf);
        return result.Status == evaluator.Check(EligibilityCase.Target, evaluator.Prepare(c.Learner, EligibilityCase.AsOf));
    }

    [Property]
    public bool AddingAValidHoldingNeverRevokesEligibility(EligibilityCase c, byte which, byte score)
    {
        if (!CaseTools.Eligible(c.Catalog, c.Learner))
        {
            return true;
        }

        var ids = c.Catalog.Credentials.Select(x => x.Id).ToArray();
        var extra = new Holding(ids[which % ids.Length], EligibilityCase.AsOf.AddDays(-(which % 40)), score % 101, EligibilityCase.AsOf.AddDays(1));
        return CaseTools.Eligible(c.Catalog, c.Learner.WithHoldings([extra]));
    }

    [Property]
    public bool PlanningMoreCredentialsNeverRevokesEligibility(EligibilityCase c, byte which)
    {
        if (!CaseTools.Eligible(c.Catalog, c.Learner, c.Planned))
        {
            return true;
        }

        var ids = c.Catalog.Credentials.Select(x => x.Id).ToArray();
        return CaseTools.Eligible(c.Catalog, c.Learner, [.. c.Planned, ids[which % ids.Length]]);
    }

    [Property]
    public bool ShufflingCatalogHoldingsAndChildrenNeverChangesTheAnswer(EligibilityCase c, int seed)
    {
        var (catalog, learner) = CaseTools.Shuffled(c.Catalog, c.Learner, seed);
        return CaseTools.Check(c.Catalog, c.Learner, c.Planned) == CaseTools.Check(catalog, learner, c.Planned);
    }

    [Property]
    public bool ProgressIsOneExactlyWhenSatisfied(EligibilityCase c)
    {
        var result = new EligibilityEvaluator(c.Catalog).Evaluate(EligibilityCase.Target, c.Learner, EligibilityCase.AsOf);
        var nodes = CaseTools.Flatten(result.Explanation!).ToList();
        return result.IsEligible == (result.Progress == 1)
            && result.Progress is >= 0 and <= 1
            && nodes.All(n => n.Progress is >= 0 and <= 1 && (n.Progress == 1) == n.Satisfied)
            && (result.Waived || result.Explanation!.Satisfied == result.IsEligible);
    }

    [Property]
    public bool EveryWitnessIsValidMatchesItsNodeAndUsesNoItemTwice(EligibilityCase c)
    {
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var result = evaluator.Evaluate(EligibilityCase.Target, evaluator.Prepare(c.Learner, EligibilityCase.AsOf), c.Planned);
        if (!result.IsEligible || result.Waived)
        {
            return result.Witness.IsEmpty;
        }

        var byId = ReferenceEligibility.FirstById(c.Catalog);
        var classKey = ReferenceEligibility.ClassKeys(byId);
        var usedItems = new HashSet<string>();
        foreach (var entry in result.Witness)
        {
            var node = (ConsumingRequirement)entry.Node;
            foreach (var use in entry.Items)
            {
                // The item exists: a valid holding of the credential with that date and score, or a planned credential.
                var valid = use.Planned
                    ? c.Planned.Contains(use.Credential) && use.Earned == EligibilityCase.AsOf
                    : c.Learner.Holdings.Any(h => h.Credential.Equals(use.Credential) && h.Earned == use.Earned && h.Score == use.Score
                        && h.IsValidAt(EligibilityCase.AsOf, byId.TryGetValue(h.Credential, out var held) ? held.ValidFor : null));
                Assert.True(valid, $"{use.Credential} is not a valid item at T");

                // It counts as itself or, through a substitution, as X.
                Assert.True(use.CountsAs.Equals(use.Credential)
                    || c.Learner.Exceptions.OfType<Substitution>().Any(s => s.Substitute.Equals(use.CountsAs) && s.With.Equals(use.Credential)));

                // It matches the node, qualifiers included (on the held date and score).
                var one = ReferenceEligibility.IsSatisfied(
                    c.Catalog,
                    node is CredentialRequirement ? node : new CountRequirement(1, ((PoolRequirement)node).From) { MinScore = node.MinScore, Within = node.Within },
                    new LearnerRecord("one", use.Planned ? [] : [new Holding(use.CountsAs, use.Earned, use.Score, DateOnly.MaxValue)]),
                    EligibilityCase.AsOf,
                    use.Planned ? [use.CountsAs] : null);
                Assert.True(one, $"{use.Credential} does not match {entry.Path}");

                var key = byId.ContainsKey(use.Credential) ? classKey[use.Credential] : "unknown " + use.Credential;
                Assert.True(usedItems.Add(key), $"item {key} is used twice");
            }

            var enough = node switch
            {
                CredentialRequirement => entry.Items.Length >= 1,
                CountRequirement n => entry.Items.Length >= n.Count,
                CreditsRequirement n => entry.Items.Sum(u => u.Value!.Value) >= n.Credits,
                HoursRequirement n => entry.Items.Sum(u => u.Value!.Value) >= n.Hours,
                _ => false,
            };
            Assert.True(enough, $"{entry.Path} is not satisfied by its witness items");
        }

        return true;
    }

    [Property]
    public bool AWaiverNeverMakesAResultWorse(EligibilityCase c, byte node)
    {
        var before = CaseTools.Eligible(c.Catalog, c.Learner, c.Planned);
        var waived = c.Learner with { Exceptions = c.Learner.Exceptions.Add(new Waiver(EligibilityCase.Target, $"n{node % 8}")) };
        return !before || CaseTools.Eligible(c.Catalog, waived, c.Planned);
    }

    [Property]
    public bool AWholeWaiverMakesTheExplanationsRootSatisfiedWaivedAndComplete(EligibilityCase c)
    {
        // The root's explanation is the answer (spec §7): waived, satisfied, progress 1, nothing missing and no item used;
        // below it every node still says where the learner stands on its own, as without the waiver.
        var waived = c.Learner with { Exceptions = c.Learner.Exceptions.Add(new Waiver(EligibilityCase.Target)) };
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var result = evaluator.Evaluate(EligibilityCase.Target, evaluator.Prepare(waived, EligibilityCase.AsOf), c.Planned);
        var plain = evaluator.Evaluate(EligibilityCase.Target, evaluator.Prepare(c.Learner, EligibilityCase.AsOf), c.Planned);
        var root = result.Explanation!;
        Assert.True(result.IsEligible && result.Waived && result.Progress == 1 && result.Witness.IsEmpty);
        Assert.True(root.Satisfied && root.Waived && root.Progress == 1 && root.Missing is null && root.Used.IsEmpty);
        Assert.Equal(plain.Explanation!.Children.Select(n => n.Satisfied), root.Children.Select(n => n.Satisfied));
        return true;
    }

    [Property]
    public bool ASubstitutionNeverDodgesMinScore(EligibilityCase c, byte x, byte y, byte m)
    {
        // The learner holds only Y's holdings, and may use Y in place of X: "X with minScore" is met exactly when some
        // valid holding of Y has the score, since qualifiers are tested on the substitute's own score.
        if (c.Learner.Holdings.IsEmpty)
        {
            return true;
        }

        var ids = c.Catalog.Credentials.Select(cr => cr.Id).Where(id => !id.Equals(EligibilityCase.Target)).ToArray();
        var substitute = ids[x % ids.Length];
        var with = c.Learner.Holdings[y % c.Learner.Holdings.Length].Credential;
        var minScore = new[] { 60m, 70m, 85m }[m % 3];
        var holdings = c.Learner.Holdings.Where(h => h.Credential.Equals(with)).ToList();
        var learner = new LearnerRecord("sub", holdings, [new Substitution(substitute, with)]);
        var validFor = c.Catalog.Find(with)?.ValidFor;
        var expected = holdings.Any(h => h.IsValidAt(EligibilityCase.AsOf, validFor) && h.Score >= minScore);
        var evaluator = new EligibilityEvaluator(c.Catalog);
        var status = evaluator.CheckGoal(Rule.Credential(substitute, minScore), evaluator.Prepare(learner, EligibilityCase.AsOf));
        return (status == EligibilityStatus.Eligible) == expected;
    }
}
