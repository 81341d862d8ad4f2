namespace Engine;

enum TargetStatus { None, Scheduled, NotRun, Skipped, Succeeded, Failed, Running, Aborted, Collective }

/// <summary>A condition or requirement with the text that reports it.</summary>
sealed record Check(string Text, Func<object?> Evaluate);

/// <summary>A discovered target: its definition resolved to other targets, plus its state in this run.</summary>
sealed class ExecutableTarget(string name, int index)
{
    public string Name { get; } = name;
    /// <summary>Declaration order: build class members first, then interface members.</summary>
    public int Index { get; } = index;
    public string? Description { get; set; }
    public bool Unlisted { get; set; }
    /// <summary>An unknown argument (a warning otherwise) stops it before it starts.</summary>
    public bool RefusesUnknownArguments { get; set; }
    /// <summary>Globs of the files it writes (<see cref="ITargetDefinition.Produces"/>).</summary>
    public List<string> Produces { get; } = [];
    public bool IsDefault { get; set; }
    public List<Func<Task>> Actions { get; } = [];
    /// <summary>The delegates given to Executes (what <see cref="MemberReads"/> looks into).</summary>
    public List<Delegate> Code { get; } = [];
    public List<ExecutableTarget> ExecutionDependencies { get; } = [];
    public List<ExecutableTarget> OrderDependencies { get; } = [];
    /// <summary>Targets whose presence in the plan triggers this one.</summary>
    public List<ExecutableTarget> TriggerDependencies { get; } = [];
    /// <summary>Targets this one triggers (the inverse of <see cref="TriggerDependencies"/>).</summary>
    public List<ExecutableTarget> Triggers { get; } = [];
    public List<Check> StaticConditions { get; } = [];
    public List<Check> DynamicConditions { get; } = [];
    /// <summary>Members that must not be null or empty (Text = member name) and conditions that must hold.</summary>
    public List<Check> MemberRequirements { get; } = [];
    public List<Check> ConditionRequirements { get; } = [];
    public DependencyBehavior WhenSkipped { get; set; } = DependencyBehavior.Skip;
    public bool ProceedAfterFailure { get; set; }
    public bool AssuredAfterFailure { get; set; }
    /// <summary>Why --continue runs it again although it succeeded before (null: it is skipped, as in NUKE).</summary>
    public string? RerunReason { get; set; }
    /// <summary>Part of the bare cleanup a second interrupt still runs.</summary>
    public bool Cleanup { get; set; }
    /// <summary>What <see cref="ITargetDefinition.StartsEarly"/> gave: started before the first target when this one will run.</summary>
    public List<Func<Task>> EarlyStarts { get; } = [];
    /// <summary>What <see cref="ITargetDefinition.Resolves"/> gave: awaited before the requirements when this target will run.</summary>
    public List<Func<Task>> Resolutions { get; } = [];

    // State of this run.
    public TargetStatus Status { get; set; }
    public bool Invoked { get; set; }
    /// <summary>Why the planner put it in the plan ("invoked", "dependency of X", ...).</summary>
    public string? PlanReason { get; set; }
    /// <summary>Why it is skipped: "via parameter", "because of X" or "OnlyWhen: ...".</summary>
    public string? SkipReason { get; set; }
    public TimeSpan Duration { get; set; }
    public List<KeyValuePair<string, string>> Summary { get; } = [];

    /// <summary>Everything this target must come after: execution, order and trigger dependencies.</summary>
    public IEnumerable<ExecutableTarget> AllDependencies => ExecutionDependencies.Concat(OrderDependencies).Concat(TriggerDependencies);

    public override string ToString() => Name;
}
