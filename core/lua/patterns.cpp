// A port of the pattern matcher of Lua 5.1's lstrlib.c (Copyright (C) 1994-2012 Lua.org,
// PUC-Rio, MIT licence), keeping LuaJIT's 5.1 semantics for scripts, with three changes:
// every step of the matcher counts against the call's deadline (LuaJIT's own matcher runs to
// its end inside one C call, so `("a"):rep(3000):find(".-.-.-b")` held a worker for minutes);
// its recursion is bounded as in Lua 5.2+ (MAXCCALLS); and gsub builds its result outside the
// C stack, under the script's memory cap, holding one re-entry level when it calls back.
#include "core/lua/patterns.hpp"

#include <cctype>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "core/lua/limits.hpp"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

namespace guichet::lua {
namespace {

constexpr int kMaxCaptures = 32;
constexpr int kMaxMatchDepth = 200;
constexpr std::ptrdiff_t kCapUnfinished = -1;
constexpr std::ptrdiff_t kCapPosition = -2;
constexpr char kEsc = '%';
constexpr unsigned kStepsPerCheck = 4096;

unsigned char uchar(char c) { return static_cast<unsigned char>(c); }

struct MatchState {
  const char* src_init;
  const char* src_end;
  const char* p_end;
  lua_State* L;
  int level = 0;
  int depth = kMaxMatchDepth;
  unsigned steps = 0;
  struct {
    const char* init;
    std::ptrdiff_t len;
  } capture[kMaxCaptures];
};

// One unit of matching work; the deadline is read every few thousand.
inline void step(MatchState* ms) {
  if (++ms->steps % kStepsPerCheck == 0) check_deadline(ms->L);
}

int check_capture(MatchState* ms, int l) {
  l -= '1';
  if (l < 0 || l >= ms->level || ms->capture[l].len == kCapUnfinished)
    return luaL_error(ms->L, "motif : numéro de capture invalide");
  return l;
}

int capture_to_close(MatchState* ms) {
  int level = ms->level;
  for (level--; level >= 0; level--)
    if (ms->capture[level].len == kCapUnfinished) return level;
  return luaL_error(ms->L, "motif : parenthèse fermante sans ouvrante");
}

const char* class_end(MatchState* ms, const char* p) {
  switch (*p++) {
    case kEsc:
      if (p == ms->p_end) luaL_error(ms->L, "motif mal formé (se termine par « %% »)");
      return p + 1;
    case '[':
      if (*p == '^') p++;
      do {  // look for a ']'
        if (p == ms->p_end) luaL_error(ms->L, "motif mal formé (« ] » manquant)");
        if (*(p++) == kEsc && p < ms->p_end) p++;  // skip escapes (e.g. '%]')
      } while (*p != ']');
      return p + 1;
    default:
      return p;
  }
}

bool match_class(int c, int cl) {
  bool res;
  switch (std::tolower(cl)) {
    case 'a': res = std::isalpha(c); break;
    case 'c': res = std::iscntrl(c); break;
    case 'd': res = std::isdigit(c); break;
    case 'l': res = std::islower(c); break;
    case 'p': res = std::ispunct(c); break;
    case 's': res = std::isspace(c); break;
    case 'u': res = std::isupper(c); break;
    case 'w': res = std::isalnum(c); break;
    case 'x': res = std::isxdigit(c); break;
    case 'z': res = (c == 0); break;
    default: return cl == c;
  }
  return std::islower(cl) ? res : !res;
}

bool match_bracket_class(int c, const char* p, const char* ec) {
  bool sig = true;
  if (*(p + 1) == '^') {
    sig = false;
    p++;  // skip the '^'
  }
  while (++p < ec) {
    if (*p == kEsc) {
      p++;
      if (match_class(c, uchar(*p))) return sig;
    } else if (*(p + 1) == '-' && (p + 2 < ec)) {
      p += 2;
      if (uchar(*(p - 2)) <= c && c <= uchar(*p)) return sig;
    } else if (uchar(*p) == c) {
      return sig;
    }
  }
  return !sig;
}

bool single_match(MatchState* ms, const char* s, const char* p, const char* ep) {
  if (s >= ms->src_end) return false;
  int c = uchar(*s);
  switch (*p) {
    case '.': return true;
    case kEsc: return match_class(c, uchar(*(p + 1)));
    case '[': return match_bracket_class(c, p, ep - 1);
    default: return uchar(*p) == c;
  }
}

const char* do_match(MatchState* ms, const char* s, const char* p);

const char* match_balance(MatchState* ms, const char* s, const char* p) {
  if (p >= ms->p_end - 1) luaL_error(ms->L, "motif mal formé (arguments de « %%b » manquants)");
  if (s >= ms->src_end || *s != *p) return nullptr;
  int b = *p, e = *(p + 1), cont = 1;
  while (++s < ms->src_end) {
    step(ms);
    if (*s == e) {
      if (--cont == 0) return s + 1;
    } else if (*s == b) {
      cont++;
    }
  }
  return nullptr;
}

const char* max_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
  std::ptrdiff_t i = 0;
  while (single_match(ms, s + i, p, ep)) {
    step(ms);
    i++;
  }
  while (i >= 0) {  // try with the longest repetition first
    const char* res = do_match(ms, s + i, ep + 1);
    if (res) return res;
    i--;
  }
  return nullptr;
}

const char* min_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
  for (;;) {
    const char* res = do_match(ms, s, ep + 1);
    if (res) return res;
    if (!single_match(ms, s, p, ep)) return nullptr;
    s++;
  }
}

const char* start_capture(MatchState* ms, const char* s, const char* p, std::ptrdiff_t what) {
  int level = ms->level;
  if (level >= kMaxCaptures) luaL_error(ms->L, "motif : trop de captures");
  ms->capture[level].init = s;
  ms->capture[level].len = what;
  ms->level = level + 1;
  const char* res = do_match(ms, s, p);
  if (!res) ms->level--;  // undo the capture
  return res;
}

const char* end_capture(MatchState* ms, const char* s, const char* p) {
  int l = capture_to_close(ms);
  ms->capture[l].len = s - ms->capture[l].init;
  const char* res = do_match(ms, s, p);
  if (!res) ms->capture[l].len = kCapUnfinished;
  return res;
}

const char* match_capture(MatchState* ms, const char* s, int l) {
  l = check_capture(ms, l);
  auto len = static_cast<std::size_t>(ms->capture[l].len);
  if (static_cast<std::size_t>(ms->src_end - s) >= len && std::memcmp(ms->capture[l].init, s, len) == 0)
    return s + len;
  return nullptr;
}

const char* do_match(MatchState* ms, const char* s, const char* p) {
  if (ms->depth-- == 0) luaL_error(ms->L, "motif trop complexe");
init:  // using goto to optimise tail recursion, as Lua does
  step(ms);
  if (p != ms->p_end) {
    switch (*p) {
      case '(':
        if (*(p + 1) == ')') s = start_capture(ms, s, p + 2, kCapPosition);
        else s = start_capture(ms, s, p + 1, kCapUnfinished);
        break;
      case ')':
        s = end_capture(ms, s, p + 1);
        break;
      case '$':
        if (p + 1 != ms->p_end) goto dflt;
        s = (s == ms->src_end) ? s : nullptr;
        break;
      case kEsc:
        switch (*(p + 1)) {
          case 'b':
            s = match_balance(ms, s, p + 2);
            if (s) {
              p += 4;
              goto init;
            }
            break;
          case 'f': {
            p += 2;
            if (*p != '[') luaL_error(ms->L, "motif : « [ » attendu après « %%f »");
            const char* ep = class_end(ms, p);
            char previous = (s == ms->src_init) ? '\0' : *(s - 1);
            char current = (s < ms->src_end) ? *s : '\0';
            if (!match_bracket_class(uchar(previous), p, ep - 1) && match_bracket_class(uchar(current), p, ep - 1)) {
              p = ep;
              goto init;
            }
            s = nullptr;
            break;
          }
          case '0': case '1': case '2': case '3': case '4':
          case '5': case '6': case '7': case '8': case '9':
            s = match_capture(ms, s, uchar(*(p + 1)));
            if (s) {
              p += 2;
              goto init;
            }
            break;
          default:
            goto dflt;
        }
        break;
      default:
      dflt: {
        const char* ep = class_end(ms, p);
        char next = ep < ms->p_end ? *ep : '\0';
        if (!single_match(ms, s, p, ep)) {
          if (next == '*' || next == '?' || next == '-') {  // accept empty
            p = ep + 1;
            goto init;
          }
          s = nullptr;
        } else {
          switch (next) {
            case '?': {
              const char* res = do_match(ms, s + 1, ep + 1);
              if (res) {
                s = res;
              } else {
                p = ep + 1;
                goto init;
              }
              break;
            }
            case '+': s = max_expand(ms, s + 1, p, ep); break;
            case '*': s = max_expand(ms, s, p, ep); break;
            case '-': s = min_expand(ms, s, p, ep); break;
            default:
              s++;
              p = ep;
              goto init;
          }
        }
        break;
      }
    }
  }
  ms->depth++;
  return s;
}

void push_one_capture(MatchState* ms, int i, const char* s, const char* e) {
  if (i >= ms->level) {
    if (i == 0) lua_pushlstring(ms->L, s, e - s);  // the whole match
    else luaL_error(ms->L, "motif : numéro de capture invalide");
    return;
  }
  std::ptrdiff_t l = ms->capture[i].len;
  if (l == kCapUnfinished) luaL_error(ms->L, "motif : capture non fermée");
  if (l == kCapPosition) lua_pushinteger(ms->L, ms->capture[i].init - ms->src_init + 1);
  else lua_pushlstring(ms->L, ms->capture[i].init, l);
}

int push_captures(MatchState* ms, const char* s, const char* e) {
  int n = (ms->level == 0 && s) ? 1 : ms->level;
  luaL_checkstack(ms->L, n, "motif : trop de captures");
  for (int i = 0; i < n; i++) push_one_capture(ms, i, s, e);
  return n;  // number of strings pushed
}

void prepare(MatchState& ms, lua_State* L, const char* s, std::size_t ls, const char* p, std::size_t lp) {
  ms.L = L;
  ms.src_init = s;
  ms.src_end = s + ls;
  ms.p_end = p + lp;
}

void restart(MatchState& ms) {
  ms.level = 0;
  ms.depth = kMaxMatchDepth;
}

bool no_specials(const char* p, std::size_t lp) {
  for (std::size_t i = 0; i < lp; ++i)
    if (std::strchr("^$*+?.([%-", p[i]) && p[i] != '\0') return false;
  return true;
}

// LuaJIT/Lua 5.1: a negative position counts from the end.
std::ptrdiff_t relative(lua_Integer pos, std::size_t len) {
  if (pos < 0) pos += static_cast<lua_Integer>(len) + 1;
  return pos >= 0 ? static_cast<std::ptrdiff_t>(pos) : 0;
}

int find_aux(lua_State* L, bool find) {
  std::size_t ls = 0, lp = 0;
  const char* s = luaL_checklstring(L, 1, &ls);
  const char* p = luaL_checklstring(L, 2, &lp);
  std::ptrdiff_t init = relative(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init < 0) init = 0;
  else if (static_cast<std::size_t>(init) > ls) init = static_cast<std::ptrdiff_t>(ls);
  if (find && (lua_toboolean(L, 4) || no_specials(p, lp))) {
    // Plain search: linear in the subject, no backtracking.
    std::size_t at = std::string_view(s, ls).find(std::string_view(p, lp), static_cast<std::size_t>(init));
    if (at != std::string_view::npos) {
      lua_pushinteger(L, static_cast<lua_Integer>(at) + 1);
      lua_pushinteger(L, static_cast<lua_Integer>(at + lp));
      return 2;
    }
  } else {
    MatchState ms;
    const char* s1 = s + init;
    bool anchor = lp > 0 && *p == '^';
    if (anchor) {
      p++;
      lp--;
    }
    prepare(ms, L, s, ls, p, lp);
    do {
      restart(ms);
      if (const char* res = do_match(&ms, s1, p)) {
        if (find) {
          lua_pushinteger(L, s1 - s + 1);  // start
          lua_pushinteger(L, res - s);     // end
          return push_captures(&ms, nullptr, nullptr) + 2;
        }
        return push_captures(&ms, s1, res);
      }
      step(&ms);
    } while (s1++ < ms.src_end && !anchor);
  }
  lua_pushnil(L);
  return 1;
}

int str_find(lua_State* L) { return find_aux(L, true); }
int str_match(lua_State* L) { return find_aux(L, false); }

int gmatch_aux(lua_State* L) {
  MatchState ms;
  std::size_t ls = 0, lp = 0;
  const char* s = lua_tolstring(L, lua_upvalueindex(1), &ls);
  const char* p = lua_tolstring(L, lua_upvalueindex(2), &lp);
  prepare(ms, L, s, ls, p, lp);
  for (const char* src = s + static_cast<std::size_t>(lua_tointeger(L, lua_upvalueindex(3))); src <= ms.src_end;
       src++) {
    restart(ms);
    if (const char* e = do_match(&ms, src, p)) {
      lua_Integer next = e - s;
      if (e == src) next++;  // empty match: go at least one position
      lua_pushinteger(L, next);
      lua_replace(L, lua_upvalueindex(3));
      return push_captures(&ms, src, e);
    }
    step(&ms);
  }
  return 0;  // not found
}

int str_gmatch(lua_State* L) {
  luaL_checkstring(L, 1);
  luaL_checkstring(L, 2);
  lua_settop(L, 2);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, gmatch_aux, 3);
  return 1;
}

// gsub's result grows here, not on the C stack, and never past what the script may still
// allocate (the Lua string made from it is counted again by the allocator).
class Output {
 public:
  explicit Output(lua_State* L) : L_(L), limit_(memory_left(L)) {}
  void add(const char* s, std::size_t n) {
    if (text_.size() + n > limit_) raise_memory(L_);
    text_.append(s, n);
  }
  void add(char c) { add(&c, 1); }
  // Appends the string on top of the Lua stack and pops it.
  void add_top() {
    std::size_t n = 0;
    const char* s = lua_tolstring(L_, -1, &n);
    add(s, n);
    lua_pop(L_, 1);
  }
  const std::string& text() const { return text_; }

 private:
  lua_State* L_;
  std::size_t limit_;
  std::string text_;
};

void add_string_replacement(MatchState* ms, Output& out, const char* s, const char* e) {
  std::size_t l = 0;
  const char* news = lua_tolstring(ms->L, 3, &l);
  for (std::size_t i = 0; i < l; i++) {
    step(ms);
    if (news[i] != kEsc) {
      out.add(news[i]);
      continue;
    }
    i++;  // skip the escape
    if (i >= l || !std::isdigit(uchar(news[i]))) {
      if (i < l) out.add(news[i]);
    } else if (news[i] == '0') {
      out.add(s, e - s);
    } else {
      push_one_capture(ms, news[i] - '1', s, e);
      out.add_top();
    }
  }
}

void add_value(MatchState* ms, Output& out, const char* s, const char* e) {
  lua_State* L = ms->L;
  switch (lua_type(L, 3)) {
    case LUA_TNUMBER:
    case LUA_TSTRING:
      add_string_replacement(ms, out, s, e);
      return;
    case LUA_TFUNCTION: {
      ReentryGuard guard(L);
      lua_pushvalue(L, 3);
      int n = push_captures(ms, s, e);
      lua_call(L, n, 1);
      break;
    }
    default: {  // table
      ReentryGuard guard(L);  // __index may run Lua
      push_one_capture(ms, 0, s, e);
      lua_gettable(L, 3);
      break;
    }
  }
  if (!lua_toboolean(L, -1)) {  // nil or false: keep the original text
    lua_pop(L, 1);
    out.add(s, e - s);
  } else if (!lua_isstring(L, -1)) {
    luaL_error(L, "string.gsub : valeur de remplacement invalide (%s)", luaL_typename(L, -1));
  } else {
    out.add_top();
  }
}

int str_gsub(lua_State* L) {
  std::size_t srcl = 0, lp = 0;
  const char* src = luaL_checklstring(L, 1, &srcl);
  const char* p = luaL_checklstring(L, 2, &lp);
  int tr = lua_type(L, 3);
  lua_Integer max_s = luaL_optinteger(L, 4, static_cast<lua_Integer>(srcl) + 1);
  luaL_argcheck(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
                "texte, fonction ou table attendu");
  bool anchor = lp > 0 && *p == '^';
  if (anchor) {
    p++;
    lp--;
  }
  MatchState ms;
  prepare(ms, L, src, srcl, p, lp);
  Output out(L);
  lua_Integer n = 0;
  while (n < max_s) {
    restart(ms);
    const char* e = do_match(&ms, src, p);
    if (e) {
      n++;
      add_value(&ms, out, src, e);
    }
    if (e && e > src) src = e;  // non-empty match: go on after it
    else if (src < ms.src_end) out.add(*src++);
    else break;
    if (anchor) break;
    step(&ms);
  }
  out.add(src, ms.src_end - src);
  lua_pushlstring(L, out.text().data(), out.text().size());
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace

void install_patterns(lua_State* L) {
  const std::pair<const char*, lua_CFunction> fns[] = {
      {"find", str_find}, {"match", str_match}, {"gmatch", str_gmatch}, {"gsub", str_gsub}};
  for (auto [name, fn] : fns) {
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, name);
  }
}

}  // namespace guichet::lua
