using System.Reflection;
using System.Reflection.Emit;

namespace Engine;

/// <summary>The metadata tokens a method body's IL names, found by stepping over each opcode's operand.</summary>
static class IlTokens
{
    static readonly Dictionary<ushort, OpCode> OpCodeTable = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => (ushort)o.Value);

    /// <summary>
    /// Each operand that is a token (a field, a method, a type, or ldtoken's member) with its kind, in IL order;
    /// stops at a byte that is no opcode.
    /// </summary>
    public static IEnumerable<(OperandType Kind, int Token)> Of(byte[] il)
    {
        for (var i = 0; i < il.Length;)
        {
            var value = il[i] == 0xFE && i + 1 < il.Length ? (ushort)(0xFE00 | il[++i]) : il[i];
            i++;
            if (!OpCodeTable.TryGetValue(value, out var opCode)) yield break;
            if (opCode.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
                yield return (opCode.OperandType, BitConverter.ToInt32(il, i));
            i += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
