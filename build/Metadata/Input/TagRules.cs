namespace Metadata.Input;

/// <summary>The <c>tags</c> input: parsed rules, ordered by priority (highest first) the way the action orders them.</summary>
internal static class TagRules
{
    public static IReadOnlyList<TagRule> Parse(IReadOnlyList<string> entries)
    {
        var rules = (entries.Count == 0 ? TagRule.ActionDefaults : entries).Select(TagRule.Parse).ToList();
        SortLikeV8(rules, (a, b) => a.Priority < b.Priority ? 1 : a.Priority > b.Priority ? -1 : 0);
        return rules;
    }

    /// <summary>
    /// Array.prototype.sort as node runs it for short arrays (one run, then binary insertion): stable, and
    /// with the same result as the action even when a priority is not a number (NaN compares as equal).
    /// </summary>
    internal static void SortLikeV8<T>(List<T> items, Comparison<T> compare)
    {
        if (items.Count < 2) return;
        if (items.Count >= 64)
        {
            var sorted = items.Select((item, index) => (item, index)).Order(Comparer<(T item, int index)>.Create((x, y) =>
                compare(x.item, y.item) is var order && order != 0 ? order : x.index.CompareTo(y.index))).ToList();
            for (var i = 0; i < items.Count; i++) items[i] = sorted[i].item;
            return;
        }
        var run = 2;
        var descending = compare(items[1], items[0]) < 0;
        for (var i = 2; i < items.Count; i++, run++)
        {
            var order = compare(items[i], items[i - 1]);
            if (descending ? order >= 0 : order < 0) break;
        }
        if (descending) items.Reverse(0, run);
        for (var start = run; start < items.Count; start++)
        {
            var pivot = items[start];
            int left = 0, right = start;
            while (left < right)
            {
                var mid = left + ((right - left) >> 1);
                if (compare(pivot, items[mid]) < 0) right = mid; else left = mid + 1;
            }
            items.RemoveAt(start);
            items.Insert(left, pivot);
        }
    }
}
