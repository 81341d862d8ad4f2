// Two namespaces for NamespaceUsesTests: Low uses High only in ways a scan of `using` lines misses.
namespace Build.Tests.Design.LayerFixture.Low
{
    internal static class Lower
    {
        /// <summary>A qualified name inside a lambda inside an async method (a closure in a state machine).</summary>
        public static async Task<int> InBodyAsync()
        {
            await Task.Yield();
            Func<int> read = () => High.Higher.Value;
            return read();
        }

        /// <summary>A generic argument of a local.</summary>
        public static int InLocal()
        {
            var marks = new List<High.Mark>();
            return marks.Count;
        }
    }

    internal sealed record Plain(int Value);
}

namespace Build.Tests.Design.LayerFixture.High
{
    internal static class Higher
    {
        public static int Value => 1;
    }

    internal sealed record Mark;
}
