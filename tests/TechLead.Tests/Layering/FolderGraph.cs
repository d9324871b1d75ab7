using Mono.Cecil;
using Mono.Cecil.Cil;

namespace TechLead.Tests.Layering;

/// <summary>
/// Which feature folder of src/TechLead uses which, read from the compiled assembly with Mono.Cecil: every type a
/// type mentions in its signatures, attributes and method bodies (closures and state machines count for the type
/// that declares them). A folder is the namespace segment after "TechLead." (Signals.Flow belongs to Signals).
/// </summary>
internal static class FolderGraph
{
    private const string Root = "TechLead";

    public static IReadOnlySet<(string From, string To)> Read(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var edges = new HashSet<(string, string)>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            if (Folder(Outermost(type).Namespace) is not { } from)
            {
                continue;
            }

            foreach (var used in Mentions(type))
            {
                if (Folder(Outermost(used).Namespace) is { } to && to != from)
                {
                    edges.Add((from, to));
                }
            }
        }

        return edges;
    }

    /// <summary>The edges of <paramref name="actual"/> that <paramref name="allowed"/> does not list.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlySet<(string From, string To)> actual, IReadOnlyDictionary<string, IReadOnlySet<string>> allowed) =>
        actual.Where(e => !allowed.TryGetValue(e.From, out var targets) || !targets.Contains(e.To))
            .Select(e => $"{e.From} -> {e.To}")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Cycles in a graph (each as "A -> B -> A"), for the message when the list itself is not one-way.</summary>
    public static IReadOnlyList<string> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var cycles = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            var path = new Stack<string>();
            Walk(start);

            void Walk(string node)
            {
                path.Push(node);
                foreach (var next in graph.GetValueOrDefault(node) ?? new HashSet<string>())
                {
                    if (next == start)
                    {
                        cycles.Add(string.Join(" -> ", path.Reverse().Append(start)));
                    }
                    else if (!path.Contains(next) && string.CompareOrdinal(next, start) > 0)
                    {
                        Walk(next);
                    }
                }

                path.Pop();
            }
        }

        return cycles;
    }

    private static string? Folder(string ns)
    {
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static List<TypeReference> Mentions(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }

                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }

        void Attributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    Add(argument.Type);
                    Add(argument.Value as TypeReference);
                }
            }
        }

        Add(type.BaseType);
        Attributes(type);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            Attributes(field);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            Attributes(property);
        }

        foreach (var method in type.Methods)
        {
            Add(method.ReturnType);
            Attributes(method);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
                Attributes(parameter);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                Operand(instruction);
            }
        }

        void Operand(Instruction instruction)
        {
            switch (instruction.Operand)
            {
                case TypeReference t:
                    Add(t);
                    break;
                case MethodReference m:
                    Add(m.DeclaringType);
                    Add(m.ReturnType);
                    foreach (var parameter in m.Parameters)
                    {
                        Add(parameter.ParameterType);
                    }

                    if (m is GenericInstanceMethod g)
                    {
                        foreach (var argument in g.GenericArguments)
                        {
                            Add(argument);
                        }
                    }

                    break;
                case FieldReference f:
                    Add(f.DeclaringType);
                    Add(f.FieldType);
                    break;
            }
        }

        return found;
    }
}
