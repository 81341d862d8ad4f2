using global::Metadata.Templates;

namespace Build.Tests.Metadata;

public class MomentFormatTests
{
    static readonly DateTimeOffset Time = new(2021, 3, 7, 14, 5, 9, 7, TimeSpan.Zero);

    [Theory]
    [InlineData("YYYY-MM-DD HH:mm:ss.SSS", "2021-03-07 14:05:09.007")]
    [InlineData("YY M D H m s", "21 3 7 14 5 9")]
    [InlineData("MMM MMMM ddd dddd dd", "Mar March Sun Sunday Su")]
    [InlineData("Do Mo DDDo Qo", "7th 3rd 66th 1st")]
    [InlineData("DDD DDDD d E e Q", "66 066 0 7 0 1")]
    [InlineData("h hh a A k", "2 02 pm PM 14")]
    [InlineData("W WW w ww GGGG gggg", "9 09 11 11 2021 2021")]
    [InlineData("X x", "1615125909 1615125909007")]
    [InlineData("[YYYY] \\Y Z ZZ", "YYYY Y +00:00 +0000")]
    [InlineData("LT L LL", "2:05 PM 03/07/2021 March 7, 2021")]
    [InlineData("Hmm Hmmss", "1405 140509")]
    public void Formats_like_moment(string format, string expected) =>
        Assert.Equal(expected, MomentFormat.Format(Time, format, isUtc: true));

    [Fact]
    public void The_default_format_depends_on_utc() =>
        Assert.Equal("2021-03-07T14:05:09Z", MomentFormat.Format(Time, null, isUtc: true));
}
