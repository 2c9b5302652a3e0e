using Stacking.Eligibility;
using Stacking.Model;
using Stacking.Rules;
using static Stacking.Tests.Eligibility.ExampleFixtures;

namespace Stacking.Tests.Eligibility;

/// <summary>A batch takes the fast path for a learner with transfer credit (a substitute outside the catalog) by holding
/// it as the credential it replaces; these are the cases where that would count items wrongly, so the batch must leave
/// them to the general engine and answer as it does (spec §5: the substitute is one item of its own, used once).</summary>
public sealed class TransferCreditBatchTests
{
    public static TheoryData<string, Requirement, Holding[], AdvisorException[], bool> Cases => new()
    {
        // The learner holds x and has a transfer credit for x: two items, so two of {x, z} are there.
        { "a holding and a transfer credit of one credential", Rule.Count(2, Select.Ids("x", "z")), [H("x"), H("t1")], [new Substitution("x", "t1")], true },
        // The same with x's equivalent: x and x2 are one class, the transfer credit another item.
        { "a holding of an equivalent and a transfer credit", Rule.Count(2, Select.Ids("x", "z")), [H("x2"), H("t1")], [new Substitution("x", "t1")], true },
        // Two transfer credits for x: two items.
        { "two transfer credits for one credential", Rule.Count(2, Select.Ids("x", "z")), [H("t1"), H("t2")], [new Substitution("x", "t1"), new Substitution("x", "t2")], true },
        // One transfer credit in place of x and of z: one item, which serves one of the two.
        { "one transfer credit for two credentials", Rule.AllOf(Rule.Credential("x"), Rule.Credential("z")), [H("t1")], [new Substitution("x", "t1"), new Substitution("z", "t1")], false },
        // The plain case the fast path does take: a transfer credit counts as x, with its own date.
        { "one transfer credit", Rule.AllOf(Rule.Credential("x"), Rule.Credential("z")), [H("t1"), H("z")], [new Substitution("x", "t1")], true },
        { "an expired transfer credit", Rule.AllOf(Rule.Credential("x"), Rule.Credential("z")), [H("t1", expires: T.AddDays(-1)), H("z")], [new Substitution("x", "t1")], false },
        { "a transfer credit older than the validity of what it replaces", Rule.AllOf(Rule.Credential("x"), Rule.Credential("z")), [H("t1", daysAgo: 400), H("z")], [new Substitution("x", "t1")], true },
        { "a transfer credit under its score", Rule.AllOf(Rule.Credential("x", minScore: 80), Rule.Credential("z")), [H("t1", score: 70), H("z")], [new Substitution("x", "t1")], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ABatchCountsTransferCreditAsTheGeneralEngineDoes(string name, Requirement requires, Holding[] holdings, AdvisorException[] exceptions, bool eligible)
    {
        // x is valid for a month when held; a transfer credit in its place has the transfer credit's own validity.
        var catalog = Catalog(requires, new Credential("x") { EquivalentTo = ["x2"], ValidFor = Period.Parse("P1M") }, new Credential("x2"), new Credential("z"));

        var status = Status(catalog, new LearnerRecord(name, holdings, exceptions));

        Assert.Equal(eligible ? EligibilityStatus.Eligible : EligibilityStatus.NotEligible, status);
    }
}
