using FsCheck.Xunit;
using Stacking.Model;
using Stacking.Rules;
using Stacking.Tests.Reference;
using Stacking.Validation;

namespace Stacking.Tests.Validation;

public sealed class CatalogValidatorLaws
{
    [Property(MaxTest = 150)]
    public bool GeneratedAcyclicSatisfiableCatalogsHaveNoErrors(int[][] spec)
    {
        var catalog = GeneratedCatalogs.FromSpec(spec, acyclic: true);
        var oracle = new ReferenceOracle(catalog);
        if (GeneratedCatalogs.Earnable(catalog, oracle).Count != catalog.Credentials.Length)
        {
            return true;
        }

        return Validate.WithReference(catalog).IsValid;
    }

    [Property(MaxTest = 150)]
    public bool UnearnableAndSelfDependentCredentialsAreExactlyThoseOfTheNaiveFixpoint(int[][] spec)
    {
        var catalog = GeneratedCatalogs.FromSpec(spec, acyclic: false);
        var oracle = new ReferenceOracle(catalog);
        var earnable = GeneratedCatalogs.Earnable(catalog, oracle);
        var selfDependent = GeneratedCatalogs.SelfDependent(catalog, oracle, earnable);
        var report = Validate.WithReference(catalog);

        var stk006 = report.Findings.Where(f => f.Code == "STK006").Select(f => f.Credential!.Value).ToHashSet();
        var stk008 = report.Findings.Where(f => f.Code == "STK008").Select(f => f.Credential!.Value).ToHashSet();
        var unearnable = catalog.Credentials.Select(c => c.Id).Where(id => !earnable.Contains(id)).ToHashSet();
        return stk006.SetEquals(selfDependent) && stk008.SetEquals(unearnable.Except(selfDependent));
    }

    [Property(MaxTest = 150)]
    public bool WithTheEligibilityEngineTheEarnabilityCodesMatchTheNaiveReference(int[][] spec)
    {
        var catalog = GeneratedCatalogs.FromSpec(spec, acyclic: false);
        var oracle = new ReferenceOracle(catalog);
        var earnable = GeneratedCatalogs.Earnable(catalog, oracle);
        var selfDependent = GeneratedCatalogs.SelfDependent(catalog, oracle, earnable);
        var report = CatalogValidator.Validate(catalog);

        var stk006 = report.Findings.Where(f => f.Code == "STK006").Select(f => f.Credential!.Value).ToHashSet();
        var stk008 = report.Findings.Where(f => f.Code == "STK008").Select(f => f.Credential!.Value).ToHashSet();
        var unearnable = catalog.Credentials.Select(c => c.Id).Where(id => !earnable.Contains(id)).ToHashSet();
        return stk006.SetEquals(selfDependent)
            && stk008.SetEquals(unearnable.Except(selfDependent))
            && report.Findings.SequenceEqual(Validate.WithReference(catalog).Findings);
    }

    [Property(MaxTest = 150)]
    public bool AnUnearnablePoolIsShortOnItsOwnAndItsMessageStatesTheShortfall(int[][] spec, byte fault, byte pick)
    {
        // STK008 descends only into a child that fails alone, so a pool it names fails without its siblings: the
        // message states the shortfall as a fact, with no hedge about other nodes taking items.
        var catalog = GeneratedCatalogs.FromSpec(spec, acyclic: false);
        var credentials = catalog.Credentials.ToList();
        if (credentials.Count > 0)
        {
            // A pool near what everything offers: short on its own by a little, or not short at all.
            var k = credentials[pick % credentials.Count];
            var n = credentials.Count;
            Requirement pool = (fault % 3) switch
            {
                0 => Rule.Count(Math.Max(1, n - 1 + (fault / 3 % 3)), Select.Any),
                1 => Rule.Credits(Math.Max(1, credentials.Sum(c => c.Credits) - 1 + (fault / 3 % 3)), Select.Any),
                _ => Rule.Hours(Math.Max(1, credentials.Sum(c => c.Hours) - 1 + (fault / 3 % 3)), Select.Any),
            };
            credentials.Add(new Credential("victim") { Requires = Rule.AllOf(Rule.Credential(k.Id), pool) });
        }

        var report = CatalogValidator.Validate(new Catalog(credentials));
        foreach (var finding in report.Findings.Where(f => f.Code == "STK008"))
        {
            var shortfall = System.Text.RegularExpressions.Regex.Match(finding.Message, @"needs (?<need>[0-9.]+) .* (?:only (?<have>[0-9.]+) that match|add up to (?<have>[0-9.]+))");
            if (finding.Message.Contains("may be", StringComparison.Ordinal)
                || (shortfall.Success && !(decimal.Parse(shortfall.Groups["have"].Value, System.Globalization.CultureInfo.InvariantCulture) < decimal.Parse(shortfall.Groups["need"].Value, System.Globalization.CultureInfo.InvariantCulture))))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 150)]
    public bool EveryBrokenCycleWarningNamesEarnableCredentials(int[][] spec)
    {
        var catalog = GeneratedCatalogs.FromSpec(spec, acyclic: false);
        var earnable = GeneratedCatalogs.Earnable(catalog, new ReferenceOracle(catalog));
        var report = Validate.WithReference(catalog);
        return report.Findings.Where(f => f.Code == "STK007").All(f => earnable.Contains(f.Credential!.Value) && f.Severity == Severity.Warning);
    }

    /// <summary>Adds a credential "victim" requiring allOf(c_k, fault), or duplicates c_k for STK001.</summary>
    [Property(MaxTest = 150)]
    public bool AnInjectedFaultIsReportedWithItsCodeAtItsPath(int[][] spec, byte fault, byte pick)
    {
        var catalog = GeneratedCatalogs.FromSpec(spec, acyclic: true);
        if (catalog.Credentials.IsEmpty || GeneratedCatalogs.Earnable(catalog, new ReferenceOracle(catalog)).Count != catalog.Credentials.Length)
        {
            return true;
        }

        var n = catalog.Credentials.Length;
        var k = catalog.Credentials[pick % n];
        const string P = "requires.allOf[1]";
        static Requirement Chain(int levels) => levels == 1 ? Rule.Credential("c0") : Rule.AllOf(Chain(levels - 1));
        var (code, credential, path, requirement, skills) = (fault % 9) switch
        {
            0 => ("STK002", "victim", P, (Requirement?)Rule.Credential("ghost"), (Skill[]?)null),
            1 => ("STK004", "victim", P, Rule.Count(0, Select.Any), null),
            2 => ("STK005", "victim", P, Rule.AnyOf(), null),
            3 => ("STK009", "victim", P + ".from", Rule.Count(1, Select.Tag("nowhere")), null),
            4 => ("STK011", "victim", P + ".anyOf[1]", Rule.AnyOf(Rule.Credential(k.Id) with { Id = "dup" }, Rule.Credential(k.Id) with { Id = "dup" }), null),
            5 => ("STK012", "victim", P + string.Concat(Enumerable.Repeat(".allOf[0]", 63)), Chain(64), null),
            6 => ("STK008", "victim", P, Rule.Count(n + 2, Select.Any), null),
            7 => ("STK003", "victim", P, Rule.Skill("unregistered"), [new Skill("known")]),
            _ => ("STK001", k.Id.Value, string.Empty, null, null),
        };
        var credentials = catalog.Credentials.ToList();
        credentials.Add(requirement is null ? k with { Hours = 1 } : new Credential("victim") { Requires = Rule.AllOf(Rule.Credential(k.Id), requirement) });
        var faulty = new Catalog(credentials, skills: skills);

        var report = Validate.WithReference(faulty);
        return report.Has(code, credential, path)
            && report.Findings.All(f => f.Credential == new CredentialId(credential) || f.Code == "STK007" || f.Code == "STK009");
    }
}
