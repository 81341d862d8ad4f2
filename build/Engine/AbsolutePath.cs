namespace Engine;

/// <summary>A normalized absolute path; <c>root / "a" / "b"</c> combines.</summary>
public readonly record struct AbsolutePath
{
    public AbsolutePath(string path) => Value = System.IO.Path.GetFullPath(path);

    public string Value { get; }
    public string Name => System.IO.Path.GetFileName(Value);
    public AbsolutePath Parent => new(System.IO.Path.GetDirectoryName(Value) ?? Value);
    public bool Exists => File.Exists(Value) || Directory.Exists(Value);

    public static AbsolutePath operator /(AbsolutePath left, string right) => new(System.IO.Path.Combine(left.Value, right));
    public static implicit operator string(AbsolutePath path) => path.Value;

    public string RelativeTo(AbsolutePath basePath) => System.IO.Path.GetRelativePath(basePath.Value, Value).Replace('\\', '/');
    public override string ToString() => Value;
}
