#!/usr/bin/env python3
"""Print, as bash assignments, what local-invoke needs of a function in a SAM template.

Usage: template-function.py [--env-vars FILE] TEMPLATE [LOGICAL_ID]

Globals.Function is merged under the function's own properties (Environment.Variables key by key,
as SAM does); !Ref to a Parameter resolves to its Default, pseudo parameters to local stand-ins, and a resource to its
logical id (as sam local invoke does); !If takes the branch its Condition gives with those Defaults.
--env-vars FILE applies a sam local invoke environment file: {"Parameters": {...}} for every function and
{"<logical id or FunctionName>": {...}} for one (it wins), each overriding only variables the template declares,
as sam local invoke does.
Output (eval it): fn_name, fn_handler, fn_timeout, fn_memory, fn_runtime and fn_env=(NAME=VALUE ...).
"""
import os
import re
import shlex
import sys

try:
    import yaml
except ImportError:
    sys.exit("template-function.py: PyYAML is missing (Debian: apt-get install python3-yaml; pip: pip install pyyaml)")

LAMBDA_DEFAULTS = {"Timeout": 3, "MemorySize": 128}  # what Lambda uses when the template says nothing
PSEUDO = {
    "AWS::Region": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::StackName": "sg-revoker",
    "AWS::URLSuffix": "amazonaws.com",
}


class CfnLoader(yaml.SafeLoader):
    """SafeLoader that reads CloudFormation short tags (!Ref, !Sub, !GetAtt ...) as their long form."""


def _cfn_tag(loader, suffix, node):
    name = "Ref" if suffix == "Ref" else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


CfnLoader.add_multi_constructor("!", _cfn_tag)


RESOURCES = {}  # logical id -> type, filled from the template: a !Ref to one becomes "@ref:ID:TYPE"
CONDITIONS = {}  # name -> expression, filled from the template's Conditions


class Unresolvable(Exception):
    pass


def holds(name, params):
    """A template Condition, evaluated with the Parameters' Defaults."""
    if name not in CONDITIONS:
        raise Unresolvable(f"Condition {name} (not in the template's Conditions)")
    return evaluate(CONDITIONS[name], params)


def evaluate(expr, params):
    if isinstance(expr, dict) and len(expr) == 1:
        (fn, arg), = expr.items()
        if fn == "Fn::Equals":
            return str(resolve(arg[0], params)) == str(resolve(arg[1], params))
        if fn == "Fn::Not":
            return not evaluate(arg[0], params)
        if fn == "Fn::And":
            return all(evaluate(a, params) for a in arg)
        if fn == "Fn::Or":
            return any(evaluate(a, params) for a in arg)
        if fn in ("Condition", "Fn::Condition"):  # !Condition X reads as Fn::Condition here
            return holds(arg, params)
    raise Unresolvable(f"condition {expr!r}")


def resolve(value, params):
    """Turn a template value into a plain string or number, or raise Unresolvable."""
    if isinstance(value, bool):
        return "true" if value else "false"  # as CloudFormation writes YAML booleans into strings
    if isinstance(value, (str, int, float)):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (fn, arg), = value.items()
        if fn == "Ref":
            if arg in PSEUDO:
                return PSEUDO[arg]
            if arg in params and "Default" in params[arg]:
                return params[arg]["Default"]
            if arg in RESOURCES:
                return "@ref:%s:%s" % (arg, RESOURCES[arg])  # local-invoke stands in for it (e.g. a local queue)
            raise Unresolvable(f"!Ref {arg} (not a Parameter with a Default)")
        if fn == "Fn::Sub":
            text, extra = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1])
            lookup = {k: resolve(v, params) for k, v in extra.items()}
            return re.sub(r"\$\{([^}!]+)\}",
                          lambda m: str(lookup[m.group(1)] if m.group(1) in lookup else resolve({"Ref": m.group(1)}, params)),
                          text)
        if fn == "Fn::Join":
            return str(arg[0]).join(str(resolve(v, params)) for v in arg[1])
        if fn == "Fn::If":
            return resolve(arg[1] if holds(arg[0], params) else arg[2], params)
    raise Unresolvable(repr(value))


def merged(globals_fn, props):
    out = dict(globals_fn)
    out.update(props)
    env = dict((globals_fn.get("Environment") or {}).get("Variables") or {})
    env.update((props.get("Environment") or {}).get("Variables") or {})
    out["Environment"] = {"Variables": env}
    return out


def env_overrides(path, logical_id, function_name):
    """The values a SAM environment file sets for this function: Parameters first, the function's own over them."""
    import json
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        sys.exit(f"template-function.py: {path} is not a JSON object of environment variables")
    out = dict(data.get("Parameters") or {})
    out.update(data.get(logical_id) or data.get(function_name) or {})
    return out


def main(argv):
    env_file = None
    if len(argv) >= 3 and argv[1] == "--env-vars":
        env_file = argv[2]
        argv = [argv[0]] + argv[3:]
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        template = yaml.load(f, Loader=CfnLoader)
    params = template.get("Parameters") or {}
    RESOURCES.update({k: r.get("Type", "") for k, r in (template.get("Resources") or {}).items()})
    # A FIFO queue needs a FIFO stand-in (the shard queue): its type says so, as AWS::SQS::Queue.fifo.
    for k, r in (template.get("Resources") or {}).items():
        if r.get("Type") == "AWS::SQS::Queue" and (r.get("Properties") or {}).get("FifoQueue") is True:
            RESOURCES[k] = "AWS::SQS::Queue.fifo"
    CONDITIONS.update(template.get("Conditions") or {})
    functions = {k: r for k, r in (template.get("Resources") or {}).items()
                 if r.get("Type") == "AWS::Serverless::Function"}
    if len(argv) == 3:
        wanted = argv[2]
    elif len(functions) == 1:
        wanted = next(iter(functions))
    else:
        sys.exit(f"template-function.py: name one of the functions: {', '.join(functions) or '(none)'}")
    if wanted not in functions:
        sys.exit(f"template-function.py: no AWS::Serverless::Function {wanted} in {argv[1]}")
    props = merged(((template.get("Globals") or {}).get("Function") or {}), functions[wanted].get("Properties") or {})

    try:
        out = {
            "fn_name": resolve(props.get("FunctionName", wanted), params),
            "fn_handler": resolve(props["Handler"], params),
            "fn_timeout": resolve(props.get("Timeout", LAMBDA_DEFAULTS["Timeout"]), params),
            "fn_memory": resolve(props.get("MemorySize", LAMBDA_DEFAULTS["MemorySize"]), params),
            "fn_runtime": resolve(props.get("Runtime", ""), params),
        }
        env = {k: resolve(v, params) for k, v in props["Environment"]["Variables"].items()}
        if env_file:
            over = env_overrides(env_file, wanted, out["fn_name"])
            env.update({k: resolve(v, params) for k, v in over.items() if k in env})
    except KeyError as e:
        sys.exit(f"template-function.py: {wanted} has no {e}")
    except Unresolvable as e:
        sys.exit(f"template-function.py: cannot resolve {e} locally in {wanted}")
    for key, value in out.items():
        print(f"{key}={shlex.quote(str(value))}")
    print("fn_env=(" + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + ")")


if __name__ == "__main__":
    main(sys.argv)
