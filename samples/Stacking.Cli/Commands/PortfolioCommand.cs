using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Stacking.Cli.Infrastructure;
using Stacking.Eligibility;
using Stacking.Graph;
using Stacking.Model;

namespace Stacking.Cli.Commands;

/// <summary><c>stacking portfolio CATALOG LEARNER [--as-of DATE] [--expiring-within DAYS] [--json]</c>.</summary>
/// <remarks>
/// The learner's record seen by skill area rather than by date: what each credential shows, at which level, what it
/// stacks into (and whether that is within reach now), what lapsed and what expires soon. A skill's area is the
/// <c>area</c> member of the catalog's skill registry entry (an extension member the format keeps), else the skill's name.
/// </remarks>
internal static class PortfolioCommand
{
    private const string NoSkills = "Other credentials";

    /// <summary>The examples shown at the end of the command's help.</summary>
    public const string Examples =
        """
        stacking portfolio catalog.json learner.json
        stacking portfolio catalog.json learner.json --as-of 2026-09-01 --expiring-within 365 --json
        """;

    public static Command Create()
    {
        var catalogArgument = CommonOptions.Catalog();
        var learnerArgument = CommonOptions.Learner();
        var asOfOption = AsOf.CreateOption();
        var soonOption = new Option<int>("--expiring-within")
        {
            Description = "Flag holdings that expire within this many days of the as-of date (default 180).",
            HelpName = "DAYS",
            DefaultValueFactory = _ => 180,

            // A custom parser, not a validator: a validator that reads the value of "abc" or of a number beyond int
            // throws while parsing, before any command runs (a stack trace, exit 134).
            CustomParser = ParseDays,
        };
        var jsonOption = CommonOptions.Json();
        var command = new Command(
            "portfolio",
            """
            Show a learner's credentials grouped by skill area, with levels, what each one stacks into (and
            whether that is within reach now), what has lapsed and what expires soon.
            """)
        {
            catalogArgument,
            learnerArgument,
            asOfOption,
            soonOption,
            jsonOption,
        };
        command.SetAction(parseResult => StackingCli.Guarded(() => Run(
            parseResult.GetValue(catalogArgument)!,
            parseResult.GetValue(learnerArgument)!,
            AsOf.Resolve(parseResult.GetValue(asOfOption)),
            parseResult.GetValue(soonOption),
            parseResult.GetValue(jsonOption))));
        return command;
    }

    private static int ParseDays(ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            return days;
        }

        result.AddError($"--expiring-within: '{text}' is not a whole number of days, 0 or more.");
        return 0;
    }

    private static int Run(string catalogPath, string learnerPath, DateOnly asOf, int soonDays, bool json)
    {
        if (Loaded.From(catalogPath, learnerPath) is not { } loaded)
        {
            return ExitCodes.ValidationErrors;
        }

        var portfolio = Build(loaded.Catalog, loaded.Learner, asOf, soonDays);
        if (json)
        {
            JsonOutput.Write(ToJson(portfolio, loaded.Learner, asOf));
        }
        else
        {
            Render(Terminal.Out, portfolio, loaded.Catalog, loaded.Learner, asOf);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Builds the portfolio view; the demo uses it too.</summary>
    public static Portfolio Build(Catalog catalog, LearnerRecord learner, DateOnly asOf, int soonDays)
    {
        var graph = StackingGraph.Build(catalog);
        var evaluator = new EligibilityEvaluator(catalog);
        var prepared = evaluator.Prepare(learner, asOf);
        var areaOf = SkillAreas(catalog);
        // Saturates at the last date of the calendar: --expiring-within 2000000000 means "whatever expires at all".
        var soon = (long)asOf.DayNumber + soonDays > DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue : asOf.AddDays(soonDays);
        var entries = new List<Entry>();
        var lapsed = new List<Entry>();
        foreach (var holding in learner.Holdings.OrderBy(h => h.Earned))
        {
            var credential = catalog.Find(holding.Credential);
            var expiresAt = holding.ExpiresAt(credential?.ValidFor);
            var entry = new Entry(holding, credential, expiresAt, [], expiresAt is { } e && e >= asOf && e < soon);
            if (holding.IsValidAt(asOf, credential?.ValidFor))
            {
                entries.Add(entry);
            }
            else if (holding.Earned <= asOf)
            {
                lapsed.Add(entry);
            }
        }

        // A credential earned again since is held, not lapsed: its old holding is history, not a loss.
        lapsed.RemoveAll(l => entries.Exists(e => e.Holding.Credential == l.Holding.Credential));

        // What each credential stacks into, and whether the learner could be awarded that now.
        var reach = new Dictionary<CredentialId, bool>();
        foreach (var entry in entries.Where(e => e.Credential is not null))
        {
            foreach (var next in graph.StacksInto(entry.Holding.Credential))
            {
                if (!reach.TryGetValue(next, out var eligible))
                {
                    eligible = evaluator.Check(next, prepared) == EligibilityStatus.Eligible;
                    reach[next] = eligible;
                }

                entry.StacksInto.Add((next, eligible));
            }

            // What the learner can reach now first, then the rest, each in catalog order.
            var order = entry.StacksInto.OrderByDescending(s => s.EligibleNow).ThenBy(s => catalog.Credentials.IndexOf(catalog[s.Id])).ToList();
            entry.StacksInto.Clear();
            entry.StacksInto.AddRange(order);
        }

        var areas = entries
            .GroupBy(e => PrimaryArea(e.Credential, areaOf))
            .OrderBy(g => g.Key == NoSkills ? 1 : 0)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.ToList()))
            .ToList();
        return new Portfolio(areas, lapsed, entries.Where(e => e.ExpiresSoon).ToList(), areaOf);
    }

    private static Dictionary<SkillId, (string Name, string Area)> SkillAreas(Catalog catalog)
    {
        var result = new Dictionary<SkillId, (string, string)>();
        foreach (var skill in catalog.Skills ?? [])
        {
            var name = skill.Name ?? skill.Id.Value;
            var area = name;
            if (skill.Extensions.TryGetValue("area", out var raw))
            {
                try
                {
                    if (JsonNode.Parse(raw) is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
                    {
                        area = text;
                    }
                }
                catch (JsonException)
                {
                    // An unreadable extension member is not ours to reject; the skill's name stands in.
                }
            }

            result[skill.Id] = (name, area);
        }

        return result;
    }

    private static string PrimaryArea(Credential? credential, Dictionary<SkillId, (string Name, string Area)> areaOf)
    {
        // A credential is filed under the area of the skill it shows at the highest level (ties: skill id order).
        var best = credential?.Skills.OrderByDescending(s => s.Value).ThenBy(s => s.Key).FirstOrDefault();
        if (best is not { Key.Value: { Length: > 0 } } pair)
        {
            return NoSkills;
        }

        return areaOf.TryGetValue(pair.Key, out var info) ? info.Area : pair.Key.Value;
    }

    private static JsonObject ToJson(Portfolio portfolio, LearnerRecord learner, DateOnly asOf)
    {
        JsonObject EntryJson(Entry e)
        {
            var node = new JsonObject
            {
                ["credential"] = e.Holding.Credential.Value,
                ["title"] = e.Credential?.Title,
                ["kind"] = e.Credential?.Kind,
                ["level"] = e.Credential?.Level,
                ["earned"] = JsonOutput.Date(e.Holding.Earned),
                ["expires"] = e.ExpiresAt is { } x ? JsonOutput.Date(x) : null,
                ["skills"] = new JsonObject((e.Credential?.Skills ?? new Dictionary<SkillId, int>())
                    .Select(s => KeyValuePair.Create(s.Key.Value, (JsonNode?)JsonValue.Create(s.Value)))),
                ["stacksInto"] = new JsonArray(e.StacksInto
                    .Select(s => (JsonNode)new JsonObject { ["credential"] = s.Id.Value, ["eligibleNow"] = s.EligibleNow })
                    .ToArray()),
            };
            return node;
        }

        return new JsonObject
        {
            ["learner"] = learner.Id,
            ["asOf"] = JsonOutput.Date(asOf),
            ["areas"] = new JsonArray(portfolio.Areas
                .Select(a => (JsonNode)new JsonObject
                {
                    ["area"] = a.Area,
                    ["credentials"] = new JsonArray(a.Entries.Select(e => (JsonNode)EntryJson(e)).ToArray()),
                })
                .ToArray()),
            ["expiringSoon"] = new JsonArray(portfolio.ExpiringSoon.Select(e => (JsonNode)EntryJson(e)).ToArray()),
            ["lapsed"] = new JsonArray(portfolio.Lapsed.Select(e => (JsonNode)EntryJson(e)).ToArray()),
        };
    }

    /// <summary>Writes the portfolio as one table per skill area.</summary>
    public static void Render(IAnsiConsole console, Portfolio portfolio, Catalog catalog, LearnerRecord learner, DateOnly asOf)
    {
        console.MarkupLine($"Portfolio of [bold]{Display.Markup(learner.Id ?? "the learner")}[/] as of {JsonOutput.Date(asOf)}");
        foreach (var (area, entries) in portfolio.Areas)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Display.Markup(area)}[/]")
                .AddColumn("credential").AddColumn("level").AddColumn("skills shown").AddColumn("stacks into");
            foreach (var e in entries)
            {
                var skills = string.Join(", ", (e.Credential?.Skills ?? new Dictionary<SkillId, int>())
                    .Select(s => $"{(portfolio.SkillNames.TryGetValue(s.Key, out var n) ? n.Name : s.Key.Value)} {s.Value}"));
                var into = e.StacksInto.Count == 0
                    ? "-"
                    : string.Join(Environment.NewLine, e.StacksInto.Select(s =>
                        (s.EligibleNow ? "[green]eligible now[/] " : string.Empty) + Display.Markup(catalog.Find(s.Id)?.Title ?? s.Id.Value)));
                var expiry = e.ExpiresAt is { } x ? $"{Environment.NewLine}[{(e.ExpiresSoon ? "yellow" : "grey")}]expires {JsonOutput.Date(x)}[/]" : string.Empty;
                table.AddRow(
                    Display.Markup(Plans.Describe(e.Credential, e.Holding.Credential)) + expiry,
                    e.Credential?.Level?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Display.Markup(skills.Length == 0 ? "-" : skills),
                    into);
            }

            console.Write(table);
        }

        if (portfolio.ExpiringSoon.Count > 0)
        {
            console.MarkupLine("[yellow]Expiring soon:[/]");
            foreach (var e in portfolio.ExpiringSoon)
            {
                console.MarkupLine($"  {Display.Markup(Plans.Describe(e.Credential, e.Holding.Credential))} expires on {JsonOutput.Date(e.ExpiresAt!.Value)}");
            }
        }

        if (portfolio.Lapsed.Count > 0)
        {
            console.MarkupLine("[red]Lapsed[/] (no longer counts towards anything):");
            foreach (var e in portfolio.Lapsed)
            {
                console.MarkupLine($"  {Display.Markup(Plans.Describe(e.Credential, e.Holding.Credential))} expired on {JsonOutput.Date(e.ExpiresAt!.Value)}");
            }
        }
    }

    /// <summary>One holding in the portfolio.</summary>
    public sealed record Entry(Holding Holding, Credential? Credential, DateOnly? ExpiresAt, List<(CredentialId Id, bool EligibleNow)> StacksInto, bool ExpiresSoon);

    /// <summary>The portfolio: valid holdings by area, lapsed holdings, and holdings that expire soon.</summary>
    public sealed record Portfolio(
        List<(string Area, List<Entry> Entries)> Areas,
        List<Entry> Lapsed,
        List<Entry> ExpiringSoon,
        Dictionary<SkillId, (string Name, string Area)> SkillNames);
}
