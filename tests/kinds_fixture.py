"""A small content folder with one framework of each kind, for tests."""

SKILLS = """
---
path: /skills
title: Contact Centre Skills
scale:
  - id: 1
    name: Learning
    description: Performs basic tasks
    guidelines: ["Gathers information"]
  - id: 2
    name: Performing
    description: Works with minimal supervision
  - id: 3
    name: Enhancing
    description: Handles complex tasks
categories:
  - code: A
    title: Customer service provision
    subcategories:
      - code: "1"
        title: Customer care
      - code: "2"
        title: Service delivery
  - code: B
    title: Business skills
    subcategories:
      - code: "1"
        title: Communication skills
topics:
  - name: ethos
    code: "1.1"
    title: Customer service ethos
    category: A
    subcategory: "1"
    content:
      - level: 1
        criteria: ["Understands customer needs"]
      - level: 2
        criteria: ["Takes ownership of customer enquiries"]
  - name: complaints
    code: "1.2"
    title: Complaints management
    category: A
    subcategory: "1"
  - name: transactions
    code: "2.1"
    title: Transaction processing
    category: A
    subcategory: "2"
  - name: listening
    code: "1.1"
    title: Listening
    category: B
    subcategory: "1"
roles:
  - id: advisor
    title: Customer Service Advisor
    description: First point of contact.
    progressesTo: [experienced]
    targets: {ethos: 1, transactions: 2}
  - id: experienced
    title: Experienced Advisor
    progressesTo: [leader]
    targets: {ethos: 2, transactions: 2, complaints: 2}
  - id: leader
    title: Team Leader
    targets: {ethos: 3, transactions: 3, complaints: 3, listening: 2}
---
Notes about rows left out.
"""

STANDARD = """
---
path: /nos/feedback
title: Manage feedback
kind: standard
meta:
  reference: CFACC2
  issuer: Skills body
overview: This standard is about feedback.
source:
  title: National Occupational Standards
  publisher: The standards body
  licence: Crown copyright
topics:
  - name: organise
    title: Organise feedback
    criteria:
      - number: "1"
        text: identify routes for feedback
      - number: "2"
        text: allocate responsibility
  - name: improve
    title: Improve performance
    criteria:
      - number: "5"
        text: analyse feedback to identify common themes
knowledge:
  - the range of services offered
  - how to measure performance
---
"""

UNIT = """
---
path: /units/effectiveness
title: Personal effectiveness
kind: unit
meta:
  reference: F/503/0358
  guidedLearningHours: 14
  extra:
    - label: Header values
      value: 1 CCTC2 3 2 14
topics:
  - name: lo2
    code: "2"
    title: Understand how to improve performance
    criteria:
      - number: "2.3"
        text: Identify reasons for personal development
        teaching: |
          - changes to systems
          - personal aspirations
---
"""

SPANISH = """
---
path: /es/criterios
title: Criterios de progresión
language: es
scale:
  - id: G
  - id: F
  - id: E
categories:
  - code: "1"
    title: Organización
topics:
  - name: conocimiento
    title: Conocimiento de productos
    category: "1"
    content:
      - level: G
        criteria: ["Básicos de los productos."]
      - level: F
        criteria: ["Avanzado de los productos."]
---
"""

FILES = {"skills.md": SKILLS, "standard.md": STANDARD, "unit.md": UNIT, "es.md": SPANISH}

MAPPINGS = """
scales:
  - id: nos
    title: NOS levels
    levels: [{id: 1}, {id: 2}, {id: 3}, {id: 4}, {id: 5}]
alignments:
  - from: skills
    to: nos
    source: Part One, section 1.3
    levels:
      - {from: 1, to: [1, 2]}
      - {from: 2, to: 3, editorial: true, note: Inferred}
      - {from: 3, to: "4..5"}
  - from: es/criterios
    to: skills
    editorial: true
    levels:
      - {from: G, to: 1}
      - {from: F, to: 1}
      - {from: E, to: 2}
roles:
  - role: skills#advisor
    scale: nos
    level: 2
    source: Part One, section 1.3
themes:
  - id: feedback
    title: Feedback and performance
    members:
      - nos/feedback#organise
      - ref: nos/feedback#pc5
        editorial: false
      - units/effectiveness#ac2-3
      - skills#ethos
  - id: product-knowledge
    title: Product knowledge
    members:
      - es/criterios#conocimiento
      - nos/feedback#k1
"""

WITH_MAPPINGS = {**FILES, "mappings.yml": MAPPINGS}

GENERIC_FIXTURE = """
---
path: /generic
title: Generic
levels: 2
topics:
  - name: communication
    title: Communication
    content:
      - level: 1
        criteria: ["Seeks out feedback"]
---
"""
