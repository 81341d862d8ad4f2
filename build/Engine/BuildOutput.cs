using System.Globalization;
using System.Runtime.InteropServices;

namespace Engine;

/// <summary>What a run prints around the targets' own log: banner, target headers, summary and outcome (NUKE's shapes).</summary>
static class BuildOutput
{
    public static void Banner(Type buildType)
    {
        var version = buildType.Assembly.GetName().Version;
        Log.Raw("");
        Log.Raw($"Build engine (NUKE-style) running {buildType.Name} {version} ({(OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : "Unix")},{RuntimeInformation.FrameworkDescription})", Tone.Dim);
        Log.Raw("");
    }

    public static void TargetHeader(string name)
    {
        if (Log.Sink?.GitHubActions == true)
        {
            Log.Command("group", name);
            return;
        }
        Log.Raw("");
        Log.Raw("╬" + new string('═', name.Length + 5));
        Log.Raw("║ " + name);
        Log.Raw("╬" + new string('═', Math.Max(name.Length - 4, 2)));
        Log.Raw("");
    }

    public static void TargetFooter(string name)
    {
        if (Log.Sink?.GitHubActions == true) Log.Command("endgroup", name);
    }

    /// <summary>The Errors &amp; Warnings block, the summary table and the outcome line.</summary>
    public static void Finish(IReadOnlyList<ExecutableTarget> plan, TimeSpan total, bool succeeded, IReadOnlyList<string>? closing = null)
    {
        var problems = Log.Sink?.Problems.ToList() ?? [];
        var table = SummaryTable(plan, total);
        if (problems.Count > 0)
        {
            Log.Raw("");
            // Boxed like the summary below it (on GitHub Actions a collapsed group).
            var width = table[0].Line.Length;
            if (Log.Sink?.GitHubActions == true) Log.Command("group", "Errors & Warnings");
            else
            {
                Log.Raw(new string('═', width), Tone.Dim);
                Log.Raw("Errors & Warnings");
                Log.Raw(new string('─', width), Tone.Dim);
            }
            foreach (var problem in problems)
                Log.Raw(problem, problem.StartsWith("[ERR]") ? Tone.Error : Tone.Warning);
            if (Log.Sink?.GitHubActions == true) Log.Command("endgroup", "Errors & Warnings");
        }
        Log.Raw("");
        foreach (var (line, tone) in table)
            Log.Raw(line, tone);
        Log.Raw("");
        // The local date and time in the current culture, as NUKE prints them.
        var now = DateTime.Now.ToString(CultureInfo.CurrentCulture);
        if (succeeded) Log.Raw($"Build succeeded on {now}. ＼（＾ᴗ＾）／", Tone.Success);
        else Log.Raw($"Build failed on {now}. (╯°□°）╯︵ ┻━┻", Tone.Error);
        Log.Raw("");
        // What the run made and what to do next comes last (not at --verbosity quiet).
        if (Log.Sink?.MinimumLevel > LogLevel.Warning) return;
        foreach (var text in closing ?? [])
        {
            foreach (var line in text.TrimEnd().Split('\n')) Log.Raw(line);
            Log.Raw("");
        }
    }

    /// <summary>What an interrupt stopped, skipped and still ran, for the one "Interrupted by ..." line.</summary>
    public static string InterruptionReport(IReadOnlyList<ExecutableTarget> plan, int commandsStopped)
    {
        static string Names(IEnumerable<ExecutableTarget> targets) => targets.Any() ? string.Join(", ", targets.Select(t => t.Name)) : "none";
        var stopped = plan.Where(t => t.Status is TargetStatus.Aborted or TargetStatus.Failed).ToList();
        var ran = plan.Where(t => t.AssuredAfterFailure && t.Status == TargetStatus.Succeeded).ToList();
        return $"stopped {Names(stopped)}" + (commandsStopped > 0 ? $" ({commandsStopped} command(s))" : "")
            + $"; skipped {Names(plan.Where(t => t.Status == TargetStatus.NotRun))}; cleaned up with {Names(ran)}.";
    }

    /// <summary>Target / Status / Duration columns (widths max(longest+4, 19), 10, 10), then "// notes".</summary>
    public static List<(string Line, Tone Tone)> SummaryTable(IReadOnlyList<ExecutableTarget> plan, TimeSpan total)
    {
        var first = Math.Max(plan.Select(t => t.Name.Length).DefaultIfEmpty(0).Max() + 4, 19);
        var width = first + 20;
        var lines = new List<(string, Tone)>
        {
            (new string('═', width), Tone.Dim),
            ("Target".PadRight(first) + "Status".PadRight(10) + "Duration".PadLeft(10), Tone.Plain),
            (new string('─', width), Tone.Dim),
        };
        foreach (var target in plan.Where(t => t.Status != TargetStatus.Collective))
        {
            var duration = target.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted ? Format(target.Duration) : "";
            var notes = Notes(target);
            var line = target.Name.PadRight(first) + target.Status.ToString().PadRight(10) + duration.PadLeft(10)
                + (notes.Length > 0 ? "   // " + notes : "");
            lines.Add((line.TrimEnd(), target.Status switch
            {
                TargetStatus.Skipped => Tone.Dim,
                TargetStatus.Succeeded => Tone.Success,
                TargetStatus.Failed => Tone.Error,
                TargetStatus.Aborted or TargetStatus.NotRun => Tone.Warning,
                _ => Tone.Plain,
            }));
        }
        lines.Add((new string('─', width), Tone.Dim));
        lines.Add(("Total".PadRight(first) + "".PadRight(10) + Format(total).PadLeft(10), Tone.Plain));
        lines.Add((new string('═', width), Tone.Dim));
        return lines;
    }

    static string Notes(ExecutableTarget target)
    {
        var notes = target.Summary.Select(p => $"{p.Key}: {p.Value}").ToList();
        if (target.Status == TargetStatus.Skipped && target.SkipReason != null)
            notes.Insert(0, target.SkipReason.StartsWith("OnlyWhen:") ? target.SkipReason : "Skipped: " + target.SkipReason);
        return string.Join(", ", notes);
    }

    /// <summary>"&lt;minutes&gt;:&lt;ss&gt;", with "0:00" shown as "&lt; 1sec".</summary>
    public static string Format(TimeSpan duration)
    {
        var text = $"{(int)duration.TotalMinutes}:{duration.Seconds:00}";
        return text == "0:00" ? "< 1sec" : text;
    }
}
