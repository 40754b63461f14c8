// Datadialog's Teams cards through Microsoft's Adaptive Cards SDK, headless (jsdom).
//
// One long-lived process: a JSON request per line on stdin, a JSON answer per line on
// stdout. A request:
//   {"card": {...}, "at": "1.2"?, "fill": {"inputId": "value", ...}?,
//    "press": {"index": n} | {"title": "..."} | {"match": {...data}}?}
// The card is parsed at `at` (default: the version it declares, as a client of that
// version reads it), rendered with Teams' host config (at most 6 actions per action set,
// inline show cards), validated with `validateProperties()`. With "fill", each value is
// typed into the rendered input of that id (a choice is picked by its value, several by
// "a,b", none by ""; text is cut at the input's maxLength, as a browser does while typing). With
// "press", the action's button is clicked (a show card it sits in is opened first, an
// overflow menu used when the action sits there) and what the SDK hands to
// `onExecuteAction` is answered as "sent" (Action.Execute: verb and data; Action.Submit:
// data, the button's data merged with the gathered inputs, as Teams sends it), or
// "refused" with the inputs the SDK found invalid (it sends nothing then).
//
// The answer: {"version", "errors": [{event, message, source}], "inputs": [{id, type,
// label, required}], "actions": [{index, type, title, verb, data, mode, reach}], "sent" |
// "refused"}; or {"failure": "..."} when the request itself is broken.
"use strict";

const { JSDOM } = require("jsdom");
const readline = require("readline");

const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
const shared = Object.getOwnPropertyNames(dom.window).filter(
    (name) => /^(HTML|SVG)\w*Element$|^\w*Event$/.test(name) && !(name in global));
for (const name of ["window", "document", "navigator", "Node", "Element", "getComputedStyle",
                    ...shared]) {
    Object.defineProperty(global, name, {
        value: name === "window" ? dom.window : dom.window[name],
        configurable: true,
        writable: true,
    });
}
// Whatever the SDK logs goes to stderr: stdout carries only the answers.
console.log = console.info = console.warn = console.debug = (...args) => {
    process.stderr.write(args.map(String).join(" ") + "\n");
};

const AC = require("adaptivecards/dist/adaptivecards.js"); // lib/ is ES modules node cannot load

/** Teams' host config, as far as it matters here (the Teams host of the SDK's designer). */
const TEAMS = {
    choiceSetInputValueSeparator: ",",
    supportsInteractivity: true,
    fontFamily: "Segoe UI",
    actions: {
        maxActions: 6,
        spacing: "Default",
        buttonSpacing: 8,
        showCard: { actionMode: "Inline", inlineTopMargin: 16, style: "emphasis" },
        preExpandSingleShowCardAction: false,
        actionsOrientation: "Horizontal",
        actionAlignment: "Left",
    },
    adaptiveCard: { allowCustomStyle: false },
};

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text;
    result.didProcess = true;
};

function versionOf(text) {
    const context = new AC.SerializationContext();
    return AC.Version.parse(String(text || "1.0"), context) || AC.Versions.v1_0;
}

function describe(source) {
    if (!source) {
        return "";
    }
    const type = typeof source.getJsonTypeName === "function" ? source.getJsonTypeName() : "";
    const id = source.id ? `#${source.id}` : "";
    const title = source.title ? ` "${source.title}"` : "";
    return `${type}${id}${title}`;
}

function event(e) {
    return {
        phase: e.phase === AC.ValidationPhase.Parse ? "parse" : "validation",
        event: AC.ValidationEvent[e.event] || String(e.event),
        message: e.message,
        source: describe(e.source),
    };
}

/** The card parsed at `at` and rendered into the document; its parse and validation events. */
function render(json, at) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(TEAMS);
    const context = new AC.SerializationContext(versionOf(at || json.version));
    card.parse(json, context);
    const errors = [];
    for (let i = 0; i < context.eventCount; i++) {
        errors.push(event(context.getEventAt(i)));
    }
    for (const e of card.validateProperties().validationEvents) {
        errors.push(event(e));
    }
    document.body.innerHTML = "";
    const element = card.render();
    if (element) {
        document.body.appendChild(element);
    }
    return { card, errors };
}

function inputType(input) {
    return input.getJsonTypeName();
}

function listInputs(card) {
    return card.getAllInputs(true).map((input) => ({
        id: input.id || "",
        type: inputType(input),
        label: input.label || "",
        required: Boolean(input.isRequired),
        value: input.defaultValue === undefined ? null : String(input.defaultValue),
        choices: input instanceof AC.ChoiceSetInput
            ? input.choices.map((c) => ({ title: c.title || "", value: c.value || "" }))
            : undefined,
    }));
}

/** Every action of a card, those in its show cards too, in order, once each. */
function allActions(card) {
    const found = [];
    for (const action of card.getAllActions()) {
        for (const each of [action, ...(action instanceof AC.ShowCardAction ? allActions(action.card) : [])]) {
            if (!found.includes(each) && each.getJsonTypeName() !== "Action.Overflow") {
                found.push(each);
            }
        }
    }
    return found;
}

/** The show cards an action or an input sits behind, outermost first. */
function showCardsAround(card, thing) {
    const around = allActions(card).filter((candidate) =>
        candidate instanceof AC.ShowCardAction && candidate !== thing &&
        (allActions(candidate.card).includes(thing) ||
         candidate.card.getAllInputs(true).includes(thing)));
    const size = (s) => allActions(s.card).length + s.card.getAllInputs(true).length;
    return around.sort((a, b) => size(b) - size(a));
}

/** Opens the show cards `thing` sits behind, as a person does; an error, or null. */
function open(card, thing) {
    for (const showCard of showCardsAround(card, thing)) {
        if (!(showCard.renderedElement && showCard.renderedElement.isConnected)) {
            return `"${showCard.title}" cannot be reached`;
        }
        if (showCard.renderedElement.getAttribute("aria-expanded") !== "true") {
            showCard.renderedElement.click();
        }
    }
    return null;
}

function actionData(action) {
    return action instanceof AC.SubmitActionBase ? action.data : undefined;
}

/** How a person reaches an action: its button, the "..." menu, a show card, or not at all. */
function reach(card, action) {
    const around = showCardsAround(card, action);
    if (around.length > 0) {
        return reach(card, around[0]) === "hidden" ? "hidden" : "showcard";
    }
    if (action.renderedElement && action.renderedElement.isConnected) {
        return "button";
    }
    if (action.mode === AC.ActionMode.Secondary && overflowButton(action)) {
        return "overflow";
    }
    return "hidden";
}

function listActions(card) {
    return allActions(card).map((action, index) => ({
            index,
            type: action.getJsonTypeName(),
            title: action.title || "",
            verb: action instanceof AC.ExecuteAction ? action.verb : undefined,
            data: actionData(action),
            mode: action.mode || "primary",
            behind: showCardsAround(card, action).map((s) => s.title || ""),
            reach: reach(card, action),
        }));
}

/** Types `value` into an input as a person would, through its rendered DOM element. */
function type(input, value) {
    const text = value === null || value === undefined ? "" : String(value);
    if (input instanceof AC.ChoiceSetInput) {
        return pick(input, text);
    }
    if (input instanceof AC.ToggleInput) {
        const box = input._checkboxInputElement;
        box.checked = text === String(input.valueOn === undefined ? "true" : input.valueOn);
        box.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
        return null;
    }
    const element = input.renderedInputControlElement;
    if (!element) {
        return `input ${input.id} is not rendered`;
    }
    const most = element.maxLength > 0 ? element.maxLength : undefined;
    element.value = most === undefined ? text : text.slice(0, most);
    if (element.type === "number" && text !== "" && element.value === "") {
        return null; // a number field takes no letters: it stays empty, as in a browser
    }
    element.dispatchEvent(new dom.window.Event("input", { bubbles: true }));
    element.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
    return null;
}

function pick(input, text) {
    if (text === "") {
        return unpick(input);
    }
    const wanted = input.isMultiSelect ? text.split(",").filter((v) => v) : [text];
    const offered = input.choices.map((c) => c.value);
    const unknown = wanted.filter((v) => !offered.includes(v));
    if (unknown.length > 0) {
        return `${input.id} offers ${JSON.stringify(offered)}, not ${JSON.stringify(unknown)}`;
    }
    const toggles = input._toggleInputs;
    if (input._selectElement) {
        const select = input._selectElement;
        select.value = text;
        select.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
    } else if (input._textInput) { // filtered: the person types the choice's title
        const choice = input.choices.find((c) => c.value === text);
        input._textInput.value = choice ? choice.title : text;
        input._textInput.dispatchEvent(new dom.window.Event("input", { bubbles: true }));
    } else if (toggles) {
        for (const toggle of toggles) {
            toggle.checked = wanted.includes(toggle.value);
            toggle.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
        }
    } else {
        return `${input.id} is not rendered`;
    }
    return null;
}

/** A choice left empty, as far as a person can: a drop-down without an empty entry keeps
 * its pick. */
function unpick(input) {
    const select = input._selectElement;
    if (select) {
        if (select.options.length > 0 && select.options[0].value === "") {
            select.selectedIndex = 0;
            select.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
        }
    } else if (input._textInput) {
        input._textInput.value = "";
        input._textInput.dispatchEvent(new dom.window.Event("input", { bubbles: true }));
    } else {
        for (const toggle of input._toggleInputs || []) {
            toggle.checked = false;
            toggle.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
        }
    }
    return null;
}

function fill(card, values) {
    const problems = [];
    const inputs = card.getAllInputs(true);
    for (const [id, value] of Object.entries(values || {})) {
        const input = inputs.find((i) => i.id === id); // a person types into the first one shown
        if (!input) {
            problems.push(`no input ${JSON.stringify(id)} on the card`);
            continue;
        }
        const problem = open(card, input) || type(input, value);
        if (problem) {
            problems.push(problem);
        }
    }
    return problems;
}

function chosen(card, press) {
    const actions = allActions(card);
    if (typeof press.index === "number") {
        return actions[press.index];
    }
    if (press.title !== undefined) {
        return actions.find((a) => a.title === press.title);
    }
    const match = press.match || {};
    return actions.find((a) => {
        const data = actionData(a) || {};
        return Object.entries(match).every(([k, v]) => JSON.stringify(data[k]) === JSON.stringify(v));
    });
}

/** Clicks what a person clicks to reach and press `action`; what the SDK sent, if anything. */
function click(card, action, sent) {
    const closed = open(card, action);
    if (closed) {
        return { refused: { reason: closed, invalid: [] } };
    }
    if (action.renderedElement && action.renderedElement.isConnected) {
        action.renderedElement.click();
    } else if (action.mode === AC.ActionMode.Secondary && overflowButton(action)) {
        overflowButton(action).click(); // the "..." menu, then its item
        action.execute();
    } else {
        return { refused: { reason: `"${action.title}" is not shown on the card`, invalid: [] } };
    }
    if (sent.length > 0) {
        return { sent: sent[sent.length - 1] };
    }
    const invalid = action.validateInputs().map((i) => i.id || "");
    return { refused: { reason: "the SDK found invalid inputs and sent nothing", invalid } };
}

function overflowButton(action) {
    const collection = action._actionCollection;
    const overflow = collection && collection._overflowAction;
    const element = overflow && overflow.renderedElement;
    return element && element.isConnected ? element : undefined;
}

function answer(request) {
    const { card, errors } = render(request.card, request.at);
    const sent = [];
    card.onExecuteAction = (action) => {
        if (action instanceof AC.ExecuteAction) {
            sent.push({ type: "Action.Execute", verb: action.verb, data: action.data });
        } else if (action instanceof AC.SubmitAction) {
            sent.push({ type: "Action.Submit", data: action.data });
        } else {
            sent.push({ type: action.getJsonTypeName(), data: actionData(action) });
        }
    };
    card.onDisplayOverflowActionMenu = () => true; // the menu is "shown"; its item is pressed
    const result = {
        version: String(request.card.version || ""),
        errors,
        inputs: listInputs(card),
        actions: listActions(card),
    };
    const problems = fill(card, request.fill);
    if (problems.length > 0) {
        result.refused = { reason: problems.join("; "), invalid: [] };
        return result;
    }
    if (request.press) {
        const action = chosen(card, request.press);
        if (!action) {
            result.refused = { reason: `no action ${JSON.stringify(request.press)}`, invalid: [] };
            return result;
        }
        Object.assign(result, click(card, action, sent));
    }
    return result;
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
    if (!line.trim()) {
        return;
    }
    let reply;
    try {
        reply = answer(JSON.parse(line));
    } catch (error) {
        reply = { failure: String(error && error.stack ? error.stack : error) };
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
});
