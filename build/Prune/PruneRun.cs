namespace Prune;

/// <summary>
/// What to prune: the package (owner + name), the repository whose pull requests name pr-N tags, and how.
/// <see cref="RegistryOnly"/>: plan from the registry's own tag list and manifests, delete nothing.
/// </summary>
internal sealed record PruneRequest(string Owner, string Package, string Repository, PruneOptions Options, bool Apply, int MaxDeletions, bool RegistryOnly = false);

/// <summary>What a run did: the plan, the versions deleted, the ones the API refused (id → reason).</summary>
internal sealed record PruneResult(IReadOnlyList<PlanRow> Plan, IReadOnlyList<long> Deleted, IReadOnlyDictionary<long, string> Refused);

/// <summary>
/// The imperative shell around <see cref="PrunePlanner"/>: read versions, graph and pull request states; print the
/// plan; with Apply delete (never more than MaxDeletions), then read every kept tag back through the registry.
/// Fails closed: any doubt while reading ends the run before the first delete, and the first SIGINT or SIGTERM
/// (<paramref name="cancel"/>) stops it at once, or after the delete in flight.
/// </summary>
internal sealed class PruneRun(PackagesApi? api, RegistryGraph registry, CancellationToken cancel = default)
{
    public async Task<PruneResult> RunAsync(PruneRequest request)
    {
        var (owner, plan) = await PlanAsync(request);
        Log.Information("Plan for " + request.Package + ":\n" + PlanTable.Write(plan, request.Options.Now));
        foreach (var row in plan.Where(r => r.Conflict)) Log.Warning($"Version {row.Version.Id} stays: {row.Reason}");
        var doomed = plan.Where(r => r.Decision == PlanDecision.Delete)
            .OrderBy(r => r.Version.Tags.Count == 0) // tagged (indexes) before the manifests they list
            .ThenBy(r => r.Version.Changed).ToList();
        if (request.RegistryOnly || owner is null || api is null)
        {
            Log.Information($"Registry-only plan: nothing deleted ({doomed.Count} planned; untagged manifests and pull request states are not visible to it).");
            return new(plan, [], new Dictionary<long, string>());
        }
        if (!request.Apply)
        {
            Log.Information($"Dry run: nothing deleted ({doomed.Count} planned). Pass --apply to delete.");
            return new(plan, [], new Dictionary<long, string>());
        }
        if (doomed.Count > request.MaxDeletions)
            throw new BuildError($"The plan deletes {doomed.Count} versions, more than --max-deletions {request.MaxDeletions}: nothing deleted. Review the plan above, then pass --max-deletions {doomed.Count}.");

        var deleted = new List<long>();
        var refused = new Dictionary<long, string>();
        string? stopped = null;
        foreach (var row in doomed)
        {
            if (cancel.IsCancellationRequested)
                throw new BuildError($"Interrupted: {deleted.Count} of {doomed.Count} versions deleted, none after the signal; run Prune again to finish (kept tags were not read back).");
            try
            {
                if (await api.DeleteAsync(owner, request.Package, row.Version.Id) is { } refusal)
                {
                    refused[row.Version.Id] = refusal;
                    Log.Warning($"GitHub refused to delete version {row.Version.Id} ({PlanTable.Short(row.Version.Digest)}): {refusal}. Not retried (a public version with over 5,000 downloads cannot be deleted; otherwise the token lacks admin on the package).");
                }
                else
                {
                    deleted.Add(row.Version.Id);
                    Log.Information($"Deleted version {row.Version.Id} {PlanTable.Short(row.Version.Digest)} [{string.Join(",", row.Version.Tags)}]: {row.Reason}");
                }
            }
            catch (ApiBudgetExhausted e) { stopped = e.Message; break; }
        }

        await VerifyAsync(plan, deleted, owner, request.Package);
        Log.Information($"Deleted {deleted.Count} versions, {refused.Count} refused, {plan.Count - doomed.Count} kept; every kept tag still pulls.");
        if (stopped is not null)
            throw new BuildError($"Stopped after {deleted.Count} of {doomed.Count} deletions: {stopped}. Kept tags were verified; run again later to continue.");
        return new(plan, deleted, refused);
    }

    async Task<(PackageOwner?, IReadOnlyList<PlanRow>)> PlanAsync(PruneRequest request)
    {
        try
        {
            if (request.RegistryOnly || api is null)
            {
                var tagged = await registry.TaggedVersionsAsync(request.Options.Now);
                var unknown = new Dictionary<int, PullRequestState>(); // no API asked: every pull request tag stays
                return (null, PrunePlanner.Plan(tagged, await registry.ReadAsync(tagged), unknown, request.Options));
            }
            var owner = await api.OwnerAsync(request.Owner);
            var versions = await api.VersionsAsync(owner, request.Package);
            // After the versions: a publish tagging in between stops the run too (fails closed; the next run is clean).
            RequireEveryTag(await registry.TagsAsync(), versions);
            var graph = await registry.ReadAsync(versions);
            var numbers = request.Options.PullRequest is { } only ? [only] : TagVerdicts.PullRequestNumbers(versions.SelectMany(v => v.Tags), request.Options).ToList();
            var (repoOwner, repoName) = (request.Repository.Split('/')[0], request.Repository.Split('/').ElementAtOrDefault(1) ?? "");
            var states = new Dictionary<int, PullRequestState>();
            foreach (var number in numbers) states[number] = await api.PullRequestAsync(repoOwner, repoName, number);
            return (owner, PrunePlanner.Plan(versions, graph, states, request.Options));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { throw new BuildError("Interrupted while reading the package: nothing deleted."); }
        catch (ApiBudgetExhausted e) { throw new BuildError($"Nothing deleted: {e.Message}.{(e.Retry ? " Run again later." : "")}"); }
        catch (Octokit.ApiException e) { throw new BuildError($"Nothing deleted: GitHub's API at {api?.ApiUrl} answered {ApiRetry.Describe(e)} (the token needs read:packages; the package is {request.Owner}/{request.Package})."); }
        catch (HttpRequestException e) { throw new BuildError($"Nothing deleted: the registry did not answer while reading the package's manifests ({e.Message})."); }
        catch (Exception e) when (e is not BuildError)
        {
            // A GitHub or registry answer no reader expected (an Octokit serializer fault, a manifest that is no JSON): not a bug of ours to trace.
            throw new BuildError($"Nothing deleted: an answer Prune cannot read ({e.GetType().Name}: {e.Message.Split('\n')[0]}).");
        }
    }

    /// <summary>
    /// Every tag the registry lists must be on a version the API listed: a tag the API leaves out would make its
    /// version look untagged (and old: deleted), and the read-back checks only the tags it knows about.
    /// </summary>
    static void RequireEveryTag(IReadOnlyList<string> registryTags, IReadOnlyList<PackageVersion> versions)
    {
        var known = versions.SelectMany(v => v.Tags).ToHashSet(StringComparer.Ordinal);
        var missing = registryTags.Where(tag => !known.Contains(tag)).Distinct().Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new BuildError($"Nothing deleted: the registry has {missing.Count} tags on no version GitHub's API listed ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}); its answer is incomplete. Run again later.");
    }

    /// <summary>Reads every kept tag back down to its blobs; any failure is loud and names the restore call of every deleted version.</summary>
    async Task VerifyAsync(IReadOnlyList<PlanRow> plan, IReadOnlyList<long> deleted, PackageOwner owner, string package)
    {
        if (deleted.Count == 0) return;
        var keptTags = plan.Where(r => r.Decision == PlanDecision.Keep).SelectMany(r => r.Version.Tags).ToList();
        IReadOnlyList<string> problems;
        try { problems = await registry.ReadBackAsync(keptTags); }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new BuildError($"Interrupted during the read-back after deleting {deleted.Count} versions: run Prune again (it reads every kept tag back).");
        }
        catch (HttpRequestException e) { problems = [$"the registry did not answer the read-back ({e.Message})"]; }
        if (problems.Count == 0) { Log.Information($"Read back {keptTags.Distinct().Count()} kept tags down to their blobs: all pull."); return; }
        foreach (var problem in problems) Log.Error("Read-back: " + problem);
        Log.Error("Restore the deleted versions (GitHub keeps them 30 days):");
        foreach (var id in deleted) Log.Error("  " + api!.RestoreCommand(owner, package, id));
        throw new BuildError($"After deleting {deleted.Count} versions, {problems.Count} problems reading kept tags back: restore with the calls above.");
    }
}
